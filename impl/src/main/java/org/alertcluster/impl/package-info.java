/**
 * The JGroups-backed implementation of the alertcluster api: {@link
 * org.alertcluster.impl.JGroupsPeerProvider} (the ServiceLoader provider, also what the OSGi
 * component uses) creates {@link org.alertcluster.impl.JGroupsPeer}s, which orchestrate the
 * {@code membership}, {@code sync} and {@code wire} packages. Runs without OSGi. Private to this
 * bundle.
 */
package org.alertcluster.impl;
