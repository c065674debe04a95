/**
 * A sample {@link org.alertcluster.api.State} that passes every rule of the conformance kit: the
 * last-write-wins map {@link org.alertcluster.spitests.sample.LwwMapState}, its entry type and its
 * length-delimited codec. {@code PeerVerification} replicates it between peers; hosts may use it as it
 * is or copy it as a starting point.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.alertcluster.spitests.sample;
