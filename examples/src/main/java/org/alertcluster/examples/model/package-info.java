/**
 * Alerts, label fingerprints and label matchers, as Alertmanager defines them.
 */
package org.alertcluster.examples.model;
