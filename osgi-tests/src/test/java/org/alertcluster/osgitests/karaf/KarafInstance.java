package org.alertcluster.osgitests.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away Apache Karaf 4.4.10 made from the distribution Maven unpacked into
 * {@code target/karaf-dist}: copied to a fresh directory, given this reactor's artifacts in its
 * {@code system/} repository (the way a Karaf assembly ships them; nothing is installed into
 * {@code ~/.m2}), booted with {@code bin/karaf server} and killed with its whole process tree.
 *
 * <p>The boot features are cut down to what feature alertcluster needs: no ssh, no JMX/RMI, so the
 * instance opens no fixed port that another process on the machine may hold.
 */
final class KarafInstance implements AutoCloseable {

  static final String KARAF_VERSION = "4.4.10";

  private final Path home;
  private Process process;

  private KarafInstance(Path home) {
    this.home = home;
  }

  /** Copies the unpacked distribution to {@code home}. */
  static KarafInstance copyDistribution(Path home) throws IOException {
    Path dist = Path.of(required("alertcluster.karaf.dist"));
    if (!Files.isDirectory(dist.resolve("bin"))) {
      throw new IllegalStateException("Karaf distribution not unpacked at " + dist + " (run mvn verify)");
    }
    try (Stream<Path> files = Files.walk(dist)) {
      for (Path src : (Iterable<Path>) files::iterator) {
        Path dst = home.resolve(dist.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return new KarafInstance(home);
  }

  Path home() {
    return home;
  }

  Path etc(String name) {
    return home.resolve("etc").resolve(name);
  }

  Path log() {
    return home.resolve("data/log/karaf.log");
  }

  /** Places {@code file} in {@code system/} as groupId:artifactId:version[:classifier]:type. */
  void addToSystemRepository(Path file, String groupId, String artifactId, String version,
      String classifier, String type) throws IOException {
    Path dir = home.resolve("system").resolve(groupId.replace('.', '/')).resolve(artifactId)
        .resolve(version);
    Files.createDirectories(dir);
    String name = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "."
        + type;
    Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Replaces (or adds) {@code key = value} in a properties file of {@code etc/}, multi-line aware. */
  void setProperty(String file, String key, String value) throws IOException {
    Path path = etc(file);
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    boolean skipping = false;
    boolean replaced = false;
    for (String line : lines) {
      if (skipping) {
        skipping = line.endsWith("\\");
        continue;
      }
      String trimmed = line.stripLeading();
      if (trimmed.startsWith(key) && trimmed.substring(key.length()).stripLeading().startsWith("=")) {
        out.append(key).append(" = ").append(value).append('\n');
        skipping = line.endsWith("\\");
        replaced = true;
        continue;
      }
      out.append(line).append('\n');
    }
    if (!replaced) {
      out.append(key).append(" = ").append(value).append('\n');
    }
    Files.writeString(path, out.toString(), StandardCharsets.UTF_8);
  }

  /** Writes a configuration file into {@code etc/}. */
  void writeConfig(String file, Map<String, String> properties) throws IOException {
    StringBuilder sb = new StringBuilder();
    properties.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    Path tmp = etc(file + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    // Atomic, so fileinstall never reads half a file.
    Files.move(tmp, etc(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Boots Karaf in the background; stdout and stderr go to {@code console.log}. */
  void start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
    pb.directory(home.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // exec: the script becomes the JVM, so destroying the process really stops Karaf.
    pb.environment().put("KARAF_EXEC", "exec");
    // alertcluster-ci-fork marks the JVM as a test fork (for humans: .ci/run ends its process group).
    pb.environment().put("EXTRA_JAVA_OPTS",
        "-Dalertcluster-ci-fork=true -Djava.net.preferIPv4Stack=true -Xmx384m");
    pb.redirectErrorStream(true);
    pb.redirectOutput(home.resolve("console.log").toFile());
    process = pb.start();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  String logText() {
    try {
      return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last lines of karaf.log and console.log, for a failure message. */
  String tail(int lines) {
    StringBuilder sb = new StringBuilder();
    for (Path p : List.of(log(), home.resolve("console.log"))) {
      try {
        if (Files.exists(p)) {
          List<String> all = Files.readAllLines(p, StandardCharsets.UTF_8);
          sb.append("---- ").append(p).append('\n');
          all.subList(Math.max(0, all.size() - lines), all.size())
              .forEach(l -> sb.append(l).append('\n'));
        }
      } catch (IOException e) {
        sb.append("(cannot read ").append(p).append(": ").append(e).append(")\n");
      }
    }
    return sb.toString();
  }

  /** Kills Karaf and anything it started; waits at most 15 s. */
  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Karaf (pid " + process.pid() + ") did not die within 15 s");
    }
  }

  static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("System property " + property + " is not set (run via Maven)");
    }
    return value;
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
