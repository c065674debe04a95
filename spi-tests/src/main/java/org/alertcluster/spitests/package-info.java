/**
 * The alertcluster conformance kit. {@link org.alertcluster.spitests.StateVerification} checks a
 * host's {@link org.alertcluster.api.State} against the rules the cluster relies on (listed in
 * {@link org.alertcluster.spitests.StateVerificationRules}); {@link
 * org.alertcluster.spitests.PeerVerification} checks any {@link org.alertcluster.api.Peer}
 * implementation through the api alone (rules in {@link
 * org.alertcluster.spitests.PeerVerificationRules}). Both are abstract JUnit 5 classes: subclass them
 * in your tests and add {@code org.alertcluster:alertcluster-spi-tests} with test scope.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.alertcluster.spitests;
