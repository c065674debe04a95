/**
 * The service provider interface: what an implementation of the cluster layer offers to
 * {@link org.alertcluster.api.Peers}. Hosts do not use this package.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.alertcluster.api.spi;
