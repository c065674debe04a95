/**
 * The example replica's jar entry point ({@link org.alertcluster.examples.Launcher}): the demo or one
 * replica.
 */
package org.alertcluster.examples;
