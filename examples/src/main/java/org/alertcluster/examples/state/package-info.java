/**
 * Replicated last-write-wins maps with a time to live: the State pattern Alertmanager's silences and notification log share.
 */
package org.alertcluster.examples.state;
