/**
 * The JGroups-backed implementation of the alertcluster api: {@link
 * org.alertcluster.impl.JGroupsPeerProvider} (the ServiceLoader provider, also what the OSGi
 * component uses) creates {@link org.alertcluster.impl.JGroupsPeer}s, which orchestrate the
 * {@code membership}, {@code sync} and {@code wire} packages. Runs without OSGi. Private to this
 * bundle: no impl package is exported. {@link org.alertcluster.impl.TestSeam} is the one door that
 * other modules' tests and benchmarks have; every other public type in impl is public only because
 * another impl package wires it, and says so.
 */
package org.alertcluster.impl;
