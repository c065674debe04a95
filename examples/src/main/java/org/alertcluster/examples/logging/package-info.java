/**
 * The replica's log output, as Alertmanager writes it ({@code --log.format}): one line per event,
 * logfmt ({@code ts=… caller=… level=info component=cluster msg="…"}) by default or JSON, on standard
 * error. An slf4j 2 provider ({@link org.alertcluster.examples.logging.ReplicaLogging}) that the
 * replica's {@code main} selects by the {@code slf4j.provider} property; the tests and the demo's
 * driver keep slf4j-simple. Below {@code node}; depends on {@code config} for Go durations only.
 */
package org.alertcluster.examples.logging;
