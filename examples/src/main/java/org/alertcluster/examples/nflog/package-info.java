/**
 * The replicated notification log (State key {@code nfl}): what was sent to whom, so replicas do not send it again.
 */
package org.alertcluster.examples.nflog;
