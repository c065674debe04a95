package org.alertcluster.osgitests.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a probe bundle jar at test time: the compiled {@link ProbeActivator} and {@link ProbeState}
 * plus a manifest importing the api. The classes are copied as bytes, never loaded by the test's
 * class loader. The bundle is a separate host as far as the container knows;
 * nothing of it is on the container's class path.
 */
public final class ProbeBundle {

  private static final String PACKAGE = ProbeBundle.class.getPackageName();
  /** Copied as class files, never loaded here: the api they implement is not on every test class path. */
  private static final String[] CLASSES = {"ProbeActivator", "ProbeActivator$1", "ProbeState"};

  /** The component description of {@link DsProbeState}, as bnd would generate it. */
  private static final String DS_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"ds.probe\""
      + " immediate=\"true\">\n"
      + "  <implementation class=\"" + PACKAGE + ".DsProbeState\"/>\n"
      + "  <service><provide interface=\"org.alertcluster.api.State\"/></service>\n"
      + "  <property name=\"alertcluster.state.key\" value=\"ds-probe\"/>\n"
      + "  <reference name=\"channel\" interface=\"org.alertcluster.api.Channel\""
      + " cardinality=\"0..1\" policy=\"dynamic\" target=\"(alertcluster.state.key=ds-probe)\""
      + " bind=\"bindChannel\" unbind=\"unbindChannel\"/>\n"
      + "</scr:component>\n";

  private final String symbolicName;
  private final boolean ds;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private ProbeBundle(String symbolicName, String key, boolean ds) {
    this.symbolicName = symbolicName;
    this.ds = ds;
    if (key != null) {
      headers.put("Probe-Key", key);
    }
  }

  /** A probe bundle contributing a State with {@code key}. */
  public static ProbeBundle of(String symbolicName, String key) {
    return new ProbeBundle(symbolicName, key, false);
  }

  /** A probe bundle with no activator: a DS component ({@link DsProbeState}) instead. */
  public static ProbeBundle ds(String symbolicName) {
    return new ProbeBundle(symbolicName, null, true);
  }

  public ProbeBundle cluster(String cluster) {
    headers.put("Probe-Cluster", cluster);
    return this;
  }

  public ProbeBundle entries(String commaSeparated) {
    headers.put("Probe-Entries", commaSeparated);
    return this;
  }

  public ProbeBundle announce(String entry) {
    headers.put("Probe-Announce", entry);
    return this;
  }

  public ProbeBundle dumpTo(Path file) {
    headers.put("Probe-Dump", file.toAbsolutePath().toString());
    return this;
  }

  /** Writes the jar into {@code dir} and returns its path. */
  public Path writeTo(Path dir) throws IOException {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", symbolicName);
    main.putValue("Bundle-Version", "1.0.0");
    if (ds) {
      main.putValue("Service-Component", "OSGI-INF/ds.probe.xml");
    } else {
      main.putValue("Bundle-Activator", PACKAGE + ".ProbeActivator");
    }
    main.putValue("Import-Package", "org.alertcluster.api;version=\"[1.0,2)\","
        + "org.osgi.framework;version=\"[1.8,2)\",org.osgi.util.tracker;version=\"[1.5,2)\"");
    headers.forEach(main::putValue);
    Files.createDirectories(dir);
    Path jar = dir.resolve(symbolicName + ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
         JarOutputStream jos = new JarOutputStream(out, manifest)) {
      for (String simpleName : CLASSES) {
        addClass(jos, simpleName);
      }
      if (ds) {
        addClass(jos, "DsProbeState");
        jos.putNextEntry(new JarEntry("OSGI-INF/ds.probe.xml"));
        jos.write(DS_XML.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        jos.closeEntry();
      }
    }
    return jar;
  }

  private static void addClass(JarOutputStream jos, String simpleName) throws IOException {
    String name = PACKAGE.replace('.', '/') + "/" + simpleName + ".class";
    try (InputStream in = ProbeBundle.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("Class file not found: " + name);
      }
      jos.putNextEntry(new JarEntry(name));
      in.transferTo(jos);
      jos.closeEntry();
    }
  }
}
