/**
 * The HTTP API: the subset of Alertmanager's API v2 that clients use, plus health and cluster stats.
 */
package org.alertcluster.examples.api;
