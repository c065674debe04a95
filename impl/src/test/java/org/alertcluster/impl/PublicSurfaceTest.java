package org.alertcluster.impl;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.GeneratedFile;
import com.google.protobuf.MessageOrBuilder;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * impl's public surface is its two entry points and a documented test seam; every other public type
 * is public only because another impl package wires it, and says so. The bundle exports no impl
 * package (see the bnd instructions in impl's pom), so none of this is API; these rules keep the
 * surface from growing unnoticed and keep the other modules on the api.
 */
class PublicSurfaceTest {

  /** The entry points: what a host, ServiceLoader or DS reaches. */
  private static final Map<String, String> ENTRY_POINTS = Map.of(
      "org.alertcluster.impl.JGroupsPeerProvider",
      "the ServiceLoader provider (META-INF/services/org.alertcluster.api.spi.PeerProvider)",
      "org.alertcluster.impl.osgi.PeerComponent",
      "the Declarative Services component: DS instantiates a public class by its public constructor");

  /**
   * Every other public top-level type of impl, with the reason. Only another impl package, or
   * another module's tests and benchmarks through {@link TestSeam}, may be the reason.
   */
  private static final Map<String, String> INTERNAL = Map.ofEntries(
      entry("org.alertcluster.impl.TestSeam",
          "the one door for other modules' tests (examples' isolate) and benchmarks (raw-JGroups"
              + " baseline, codec and dispatch microbenchmarks)"),
      entry("org.alertcluster.impl.util.PeerCounters", "counted in by the root package, membership, sync"),
      entry("org.alertcluster.impl.util.PeerLog", "logged through by discovery, membership, readiness, sync"),
      entry("org.alertcluster.impl.util.RateLimitedLog", "logged through by the root package's receiver, sync"),
      entry("org.alertcluster.impl.util.Correlator", "correlates membership's goodbye and sync's exchanges"),
      entry("org.alertcluster.impl.wire.WireCodec", "encodes for the root package, membership, sync"),
      entry("org.alertcluster.impl.readiness.Settler", "created and polled by the root package"),
      entry("org.alertcluster.impl.discovery.KnownPeers", "resolved by the root package"),
      entry("org.alertcluster.impl.discovery.DiscoveryHosts", "fed by the root package"),
      entry("org.alertcluster.impl.discovery.KnownPeersPing", "put in the channel's stack by stack"),
      entry("org.alertcluster.impl.stack.MergeGuard", "told by membership who leaves"),
      entry("org.alertcluster.impl.stack.BoundedFdSock2",
          "a JGroups protocol of the stack, instantiated and introspected by JGroups"),
      entry("org.alertcluster.impl.stack.StackBuilder", "builds the root package's channel"),
      entry("org.alertcluster.impl.stack.LocalAddresses", "derives the root package's endpoints"),
      entry("org.alertcluster.impl.stack.CountingMFC", "read by the root package's non-blocking send"),
      entry("org.alertcluster.impl.membership.Membership",
          "the membership package's one door: created, fed views and goodbyes, left through by the"
              + " root package"),
      entry("org.alertcluster.impl.sync.StateReplication",
          "the sync package's one door: created, fed views and messages, stopped by the root package;"
              + " encodes and merges for TestSeam"),
      entry("org.alertcluster.impl.jmx.PeerMBean", "registered by the root package"),
      entry("org.alertcluster.impl.tls.PeerTls", "applied by stack to the transport"));

  /** What other modules may name of impl: the entry points and the seam. */
  private static final Set<String> REACHABLE_FROM_OTHER_MODULES = Set.of(
      "org.alertcluster.impl.JGroupsPeerProvider",
      "org.alertcluster.impl.osgi.PeerComponent",
      "org.alertcluster.impl.TestSeam");

  private static final JavaClasses IMPL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.alertcluster.impl");

  @Test
  void implsPublicTopLevelTypesAreTheEntryPointsAndTheListedInternalOnes() {
    Set<String> publicTypes = new TreeSet<>();
    for (JavaClass c : IMPL) {
      if (c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC) && !generated(c)) {
        publicTypes.add(c.getName());
      }
    }
    Set<String> allowed = new TreeSet<>(ENTRY_POINTS.keySet());
    allowed.addAll(INTERNAL.keySet());
    Set<String> unexpected = new TreeSet<>(publicTypes);
    unexpected.removeAll(allowed);
    Set<String> stale = new TreeSet<>(allowed);
    stale.removeAll(publicTypes);
    assertThat(unexpected)
        .as("public top-level types in impl that %s does not list: make them package-private, or"
            + " (if another impl package truly needs them) add them with the reason and say in their"
            + " class Javadoc that they are not API", getClass().getSimpleName())
        .isEmpty();
    assertThat(stale)
        .as("listed in %s but no longer public (or gone): remove them from the list",
            getClass().getSimpleName())
        .isEmpty();
  }

  @Test
  void protocGeneratedTypesStayInTheWirePackage() {
    // protoc makes every message public; those are the only public types the list does not name.
    List<String> generated = IMPL.stream().filter(c -> c.isTopLevelClass() && generated(c))
        .map(JavaClass::getName).toList();
    assertThat(generated).contains("org.alertcluster.impl.wire.Envelope");
    assertThat(generated).allMatch(n -> n.startsWith("org.alertcluster.impl.wire."),
        "in org.alertcluster.impl.wire");
  }

  @Test
  void everyListedInternalTypeSaysInItsJavadocWhyItIsPublicAndThatItIsNotApi() throws IOException {
    List<String> silent = new ArrayList<>();
    for (String type : INTERNAL.keySet()) {
      Path source = Path.of("src/main/java", type.replace('.', '/') + ".java");
      String text = Files.readString(source);
      int declaration = text.indexOf("\npublic ");
      // Joined into one line: the phrases may be wrapped.
      String javadoc = declaration < 0 ? "" : text.substring(0, declaration)
          .replaceAll("\\s*\\n\\s*\\*\\s*", " ");
      if (!javadoc.contains("Public only because") || !javadoc.contains("<b>not API</b>")) {
        silent.add(type);
      }
    }
    assertThat(silent)
        .as("class Javadoc must say why the type is public (\"Public only because ...\") and that it"
            + " is <b>not API</b>")
        .isEmpty();
  }

  @Test
  void testHooksAreNotPublic() {
    List<String> hooks = IMPL.stream().flatMap(c -> c.getMethods().stream())
        .filter(m -> m.getName().endsWith("ForTesting") || m.getName().endsWith("ForTests"))
        .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
        .map(m -> m.getFullName()).toList();
    assertThat(hooks)
        .as("test hooks must be package-private (impl's own tests) or reached through TestSeam")
        .isEmpty();
  }

  /**
   * ArchUnit sees one module's classes; the other modules are built after impl. So this reads their
   * sources: every name of an impl type (import, fully qualified use or a string for reflection)
   * in another module must be an entry point or the seam.
   */
  @Test
  void otherModulesNameNothingOfImplButTheEntryPointsAndTheSeam() throws IOException {
    Path reactor = Path.of("..").toAbsolutePath().normalize();
    Pattern implName = Pattern.compile("org\\.alertcluster\\.impl(\\.[a-z]\\w*)*\\.[A-Z]\\w*");
    List<String> violations = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> modules = Files.list(reactor)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml")))
          .filter(m -> !m.getFileName().toString().equals("impl")).toList()) {
        Path src = module.resolve("src");
        if (!Files.isDirectory(src)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(src)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            scanned++;
            Matcher m = implName.matcher(Files.readString(file));
            while (m.find()) {
              if (!REACHABLE_FROM_OTHER_MODULES.contains(m.group())) {
                violations.add(reactor.relativize(file) + ": " + m.group());
              }
            }
          }
        }
      }
    }
    assertThat(scanned).as("Java sources found in the other modules of %s", reactor)
        .isGreaterThan(100);
    assertThat(violations)
        .as("other modules reach the cluster through the api; tests and benchmarks that need more"
            + " use org.alertcluster.impl.TestSeam")
        .isEmpty();
  }

  private static boolean generated(JavaClass c) {
    return c.isAssignableTo(MessageOrBuilder.class) || c.isAssignableTo(GeneratedFile.class);
  }
}
