/**
 * Receivers: the webhook (Alertmanager's message version 4) and the log receiver.
 */
package org.alertcluster.examples.receiver;
