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
 * <p><b>Why not a JPMS module (yet).</b> A descriptor exporting nothing and {@code provides
 * PeerProvider} works at run time: with one added by hand (compiled against the bundle with {@code
 * --patch-module}, so that the embedded JGroups is part of the module and not required from
 * outside), two peers on the module path found the provider through ServiceLoader, formed a
 * cluster and replicated a State. It would not change which types are {@code public} (the doors
 * are used across impl's packages inside the module), only who outside can reach them, which the
 * bundle's empty export list and {@code PublicSurfaceTest} already settle for OSGi and for this
 * reactor. Adopting it costs more than it gives today: bnd's {@code -jpms-module-info} writes the
 * descriptor into {@code target/classes}, which turns Javadoc (it then fails on the OSGi
 * annotations) and surefire into module mode, and it generates {@code requires osgi.core} (a plain
 * JVM would need the OSGi framework) and no {@code provides}; the api has no module name, so impl
 * would require a name derived from a file name; impl's embedded {@code org.jgroups} packages would
 * clash, as a split package, with a JGroups module next to it; and a module-path launch test would
 * join the plain-JVM, Felix and Karaf ones. OSGi ignores {@code module-info}, and today's plain-JVM
 * hosts run on the class path, where it is ignored too. Revisit when a module-path user appears:
 * an {@code Automatic-Module-Name} for the api, {@code @ServiceProvider} for the provider, the OSGi
 * imports optional, and that launch test.
 */
package org.alertcluster.impl;
