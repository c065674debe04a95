/**
 * Alerts, label fingerprints and label matchers, as Alertmanager defines them. {@link
 * org.alertcluster.examples.model.Alert#mergedWith} is Alertmanager's {@code types.Alert.Merge} and
 * {@link org.alertcluster.examples.model.Alert#overlaps} the overlap rule of its in-memory alert
 * store; the whole alert lifecycle (input, store, flush, dedup) is described in the
 * {@link org.alertcluster.examples.notify notify} package.
 */
package org.alertcluster.examples.model;
