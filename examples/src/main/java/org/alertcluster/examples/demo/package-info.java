/**
 * The one-command demo: three replica processes, a webhook sink, a live table and a measured verdict.
 */
package org.alertcluster.examples.demo;
