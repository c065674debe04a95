/**
 * The JGroups-backed implementation of the alertcluster api: {@link
 * org.alertcluster.impl.JGroupsPeerProvider} (the ServiceLoader provider, also what the OSGi
 * component uses) creates {@link org.alertcluster.impl.JGroupsPeer}s, which wire the packages below
 * together. Runs without OSGi.
 *
 * <p>The packages, bottom up (no cycles; {@code PackageCyclesTest}): {@code util} (helpers several
 * packages share), {@code wire} (the protobuf envelope), {@code tls}, {@code discovery} (known
 * peers, DNS, TCPPING's host list), {@code stack} (the JGroups protocol stack), {@code membership}
 * (views, leaves, failures), {@code sync} (State replication), {@code readiness} (settling),
 * {@code jmx}, this package (the peer), and {@code osgi} (the thin OSGi adapter on top).
 *
 * <p><b>What is public, and why.</b> Only the two entry points ({@code JGroupsPeerProvider}, {@code
 * osgi.PeerComponent}) are meant to be reached from outside, plus {@link
 * org.alertcluster.impl.TestSeam}, the one door other modules' tests and benchmarks have. The bundle
 * exports no impl package (bnd instructions in impl's pom; {@code FelixImplBundleTest} proves it),
 * so in OSGi nothing else is reachable at all. Java itself has no "public within this jar": a type
 * another impl package uses must be {@code public}. So each package offers the others one door, a
 * facade ({@code discovery.Discovery}, {@code membership.Membership}, {@code sync.StateReplication},
 * {@code readiness.Settler}, {@code wire.WireCodec}, {@code tls.PeerTls}, {@code jmx.PeerMBean},
 * {@code stack.StackBuilder}), and keeps everything else package-private; {@code util}'s shared
 * helpers are public one by one. Every such type says in its class Javadoc why it is public and
 * that it is not API, and {@code PublicSurfaceTest} fails on a public type that has no listed
 * reason.
 *
 * <p><b>Why not a JPMS module.</b> A {@code module-info} exporting nothing but {@code provides
 * PeerProvider} would make the facades unreachable from other modules on the module path, but:
 * impl embeds JGroups' packages privately (so that an OSGi container or application running another
 * JGroups is not disturbed), and a named impl module would then either {@code requires org.jgroups}
 * (a module its users do not have: the JGroups dependency is optional, embedded) or carry {@code
 * org.jgroups.*} itself and clash, as a split package, with any JGroups module next to it; protobuf
 * would need the generated classes opened to it; and the api, which has no module name yet, would
 * have to become a module first (a change the api's baseline check would have to accept). OSGi
 * ignores {@code module-info}, and the plain-JVM users all run on the class path, where it is
 * ignored too; so it would add a build and test matrix (a module-path launch test) for no user
 * today. Revisit with bnd's {@code -jpms-module-info} (which computes the descriptor from the
 * bundle's own view of its packages) when a module-path user appears.
 */
package org.alertcluster.impl;
