package org.alertcluster.osgitests.felix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.alertcluster.osgitests.support.TestPorts;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * One embedded Apache Felix with the bundles a user of alertcluster installs: the DS runtime (SCR
 * and its API bundles), ConfigAdmin, Metatype, slf4j, protobuf-java, then the api and impl bundles
 * built by this reactor (taken from {@code target/bundles}, copied there by maven-dependency-plugin).
 * Project bundles start last so their slf4j calls find the binding (toolchain gotcha 3).
 */
final class FelixContainer implements AutoCloseable {

  /** Infrastructure, in start order. File names are fixed by {@code stripVersion}. */
  static final List<String> INFRASTRUCTURE = List.of(
      "org.osgi.util.function.jar", "org.osgi.util.promise.jar", "org.osgi.service.component.jar",
      "org.apache.felix.scr.jar", "org.apache.felix.configadmin.jar", "org.osgi.service.log.jar",
      "org.apache.felix.metatype.jar", "slf4j-api.jar", "slf4j-simple.jar", "protobuf-java.jar");
  static final String API = "alertcluster-api.jar";
  static final String IMPL = "alertcluster-impl.jar";

  private final Framework framework;
  private final Map<String, Bundle> bundles = new HashMap<>();

  private FelixContainer(Framework framework) {
    this.framework = framework;
  }

  /**
   * Starts a framework with fresh storage under {@code storage}, installs and starts the
   * infrastructure and the api bundle, and the impl bundle unless {@code startImpl} is false (it is
   * installed in any case).
   */
  static FelixContainer start(Path storage, boolean startImpl) throws Exception {
    return start(storage, startImpl, List.of());
  }

  /** As above, with {@code extra} bundles (file names in target/bundles) installed before the api. */
  static FelixContainer start(Path storage, boolean startImpl, List<String> extra)
      throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
    config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    // Several frameworks share this JVM; only the first may own the JVM-wide URL handler factories.
    config.put("felix.service.urlhandlers", "false");
    FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
        .orElseThrow(() -> new IllegalStateException("No OSGi FrameworkFactory on the class path"));
    Framework framework = factory.newFramework(config);
    framework.start();
    FelixContainer c = new FelixContainer(framework);
    try {
      // Install all first: slf4j-simple 1.7 is a fragment of slf4j-api and must be there when the
      // host resolves. Fragments are not started.
      List<Bundle> infrastructure = new ArrayList<>();
      List<String> all = new ArrayList<>(INFRASTRUCTURE);
      all.addAll(extra);
      for (String name : all) {
        infrastructure.add(c.install(bundlesDir().resolve(name)));
      }
      for (Bundle b : infrastructure) {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
          b.start();
        }
      }
      c.installAndStart(bundlesDir().resolve(API));
      Bundle impl = c.install(bundlesDir().resolve(IMPL));
      if (startImpl) {
        impl.start();
      }
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
    return c;
  }

  static Path bundlesDir() {
    String dir = System.getProperty("alertcluster.bundles");
    if (dir == null) {
      throw new IllegalStateException("System property alertcluster.bundles is not set (run via Maven)");
    }
    return Path.of(dir);
  }

  Bundle install(Path jar) throws BundleException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("Bundle not found: " + jar + " (run mvn verify)");
    }
    Bundle b = context().installBundle(jar.toUri().toString());
    bundles.put(jar.getFileName().toString(), b);
    return b;
  }

  Bundle installAndStart(Path jar) throws BundleException {
    Bundle b = install(jar);
    b.start();
    return b;
  }

  Bundle bundle(String fileName) {
    return bundles.get(fileName);
  }

  Bundle impl() {
    return bundle(IMPL);
  }

  BundleContext context() {
    return framework.getBundleContext();
  }

  /** Services of {@code objectClass} matching {@code filter} (may be null), as live objects. */
  List<Object> services(String objectClass, String filter) {
    List<Object> out = new ArrayList<>();
    for (ServiceReference<?> ref : references(objectClass, filter)) {
      Object service = context().getService(ref);
      if (service != null) {
        out.add(service);
      }
    }
    return out;
  }

  List<ServiceReference<?>> references(String objectClass, String filter) {
    try {
      ServiceReference<?>[] refs = context().getAllServiceReferences(objectClass, filter);
      return refs == null ? List.of() : List.of(refs);
    } catch (InvalidSyntaxException e) {
      throw new IllegalArgumentException(filter, e);
    }
  }

  Optional<Object> service(String objectClass, String filter) {
    List<Object> all = services(objectClass, filter);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  Object requireService(String objectClass) {
    return service(objectClass, null).orElseThrow(
        () -> new IllegalStateException("No " + objectClass + " service"));
  }

  /**
   * The properties of one test peer ({@link TestPorts#peerProperties}), built by the loopback preset
   * of the api bundle installed in this framework (the api is not on the test's class path).
   */
  Map<String, Object> peerProperties(String cluster, String nodeName, int port, List<Integer> peers) {
    for (Bundle b : context().getBundles()) {
      if ("org.alertcluster.api".equals(b.getSymbolicName())) {
        try {
          Class<?> clusterConfig = b.loadClass("org.alertcluster.api.ClusterConfig");
          return TestPorts.peerProperties(clusterConfig, cluster, nodeName, port, peers);
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException("the api bundle has no ClusterConfig", e);
        }
      }
    }
    throw new IllegalStateException("no bundle org.alertcluster.api in the framework");
  }

  /**
   * Creates (or updates) the factory configuration {@code org.alertcluster.peer~name} through the
   * ConfigAdmin service, unbound so that the impl bundle receives it.
   *
   * @return the Configuration object, for later update or delete
   */
  Object configurePeer(String name, Map<String, Object> properties) {
    Object cm = requireService("org.osgi.service.cm.ConfigurationAdmin");
    Object configuration = Reflect.call(cm, "getFactoryConfiguration", "org.alertcluster.peer",
        name, "?");
    update(configuration, properties);
    return configuration;
  }

  static void update(Object configuration, Map<String, Object> properties) {
    Dictionary<String, Object> dict = new Hashtable<>(properties);
    Reflect.call(configuration, "update", dict);
  }

  static void delete(Object configuration) {
    Reflect.call(configuration, "delete");
  }

  @Override
  public void close() throws Exception {
    framework.stop();
    FrameworkEvent event = framework.waitForStop(30_000);
    if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
      throw new IllegalStateException("Felix did not stop within 30 s");
    }
  }
}
