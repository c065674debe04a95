/**
 * The subset of {@code alertmanager.yml} the host reads, with errors that name the line.
 */
package org.alertcluster.examples.config;
