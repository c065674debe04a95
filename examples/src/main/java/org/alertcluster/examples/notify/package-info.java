/**
 * Alertmanager's notification pipeline: dispatcher, aggregation groups, settle and position waits, dedup, retries.
 */
package org.alertcluster.examples.notify;
