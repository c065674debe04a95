package org.alertcluster.impl;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.alertcluster.impl.tls.TestPki;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints (does not assert) how long three replicas with the default timings, each in a JVM of its
 * own with the tarball's JVM options ({@link ResumeChildMain}), take to list three peers again
 * after one of them was stopped with SIGSTOP past failure detection and continued with SIGCONT:
 * plaintext (TCP_NIO2) and mutual TLS (JGroups' blocking TCP) in the same run, rounds interleaved,
 * the load average printed beside each figure. The figure is measured from SIGCONT to the moment
 * all three list three members in a view installed after SIGCONT (the resumed one still lists
 * its old view of three at first), and stayed so for a second.
 *
 * <p>Skipped unless {@code -Dbench=true}:
 * {@code mvn -B -q -pl impl -am verify -Dtest=ResumeBench -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. {@code -Dresume.rounds=N} (default 4 per transport),
 * {@code -Dresume.pauseMs} (default 12 000, as the user trial), {@code -Dresume.trace=true}: DEBUG
 * logs of the transport, TLS, membership and state exchange into
 * {@code target/resume-logs/<cluster>-<name>.log} (each child's output is kept there in any case;
 * {@code =wire} adds JGroups' connection table and every message at TRACE: slow),
 * {@code -Dresume.jfr=true}: a JFR recording per child in the same directory;
 * {@code -Dresume.baselineClasses=<dir>}: a third cluster, TLS, whose replicas take impl's classes
 * from {@code dir} (an older build) instead, measured in the same rounds ("tls-base").
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ResumeBench {

  private static final int N = 3;
  private static final boolean TRACE = System.getProperty("resume.trace", "false").matches("true|wire");
  private static final boolean WIRE = "wire".equals(System.getProperty("resume.trace"));
  private static final boolean JFR = Boolean.getBoolean("resume.jfr");
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

  @TempDir
  Path pkiDir;

  private final List<Child> children = new ArrayList<>();

  @AfterEach
  void stopAll() {
    children.forEach(Child::kill);
  }

  @Test
  void sigstopPastFailureDetectionThenSigcontPlaintextAndTls() throws Exception {
    int rounds = Integer.getInteger("resume.rounds", 4);
    long pauseMs = Long.getLong("resume.pauseMs", 12_000);
    TestPki pki = new TestPki(pkiDir);
    TestPki.Ca ca = pki.ca("resume-ca");
    for (int i = 0; i < N; i++) {
      pki.issue(ca, "r" + i, TestPki.spec().cn("r" + i).ips("127.0.0.1"));
    }
    List<Child> plain = cluster("-", null);
    List<Child> tls = cluster(pkiDir.toString(), null);
    String baseline = System.getProperty("resume.baselineClasses");
    List<Child> before = baseline == null ? null : cluster(pkiDir.toString(), baseline);
    List<String> results = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      int victim = r % N;
      results.add(round("plaintext", plain, victim, pauseMs));
      results.add(round("tls", tls, victim, pauseMs));
      if (before != null) {
        results.add(round("tls-base", before, victim, pauseMs));
      }
    }
    System.out.println("RESUME-BENCH | summary");
    results.forEach(s -> System.out.println("RESUME-BENCH | " + s));
  }

  /**
   * Three replicas; {@code implClasses}, if not null, replaces impl's classes on their class path
   * (an older build, for a baseline in the same run).
   */
  private List<Child> cluster(String tlsDir, String implClasses) throws Exception {
    String cluster = "resume-" + (tlsDir.equals("-") ? "plain-" : implClasses == null ? "tls-"
        : "tlsbase-")
        + UUID.randomUUID().toString().substring(0, 6);
    List<String> addrs = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      addrs.add("127.0.0.1:" + FreePorts.next());
    }
    List<Child> cl = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      Child c = Child.fork(cluster, addrs.get(i), String.join(",", addrs), "r" + i, tlsDir,
          implClasses);
      children.add(c);
      cl.add(c);
    }
    awaitAll(cl, Duration.ofSeconds(60), null, -1);
    return cl;
  }

  private String round(String transport, List<Child> cl, int victim, long pauseMs)
      throws Exception {
    Child paused = cl.get(victim);
    String load = loadAverage();
    long stop = System.nanoTime();
    signal("STOP", paused.process.pid());
    // The others remove it (failure detection), then the pause runs to pauseMs.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (cl.stream().filter(c -> c != paused).anyMatch(c -> c.size != N - 1)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(transport + ": the paused member was not removed in 60 s");
      }
      Thread.sleep(10);
    }
    long removed = System.nanoTime() - stop;
    long rest = TimeUnit.MILLISECONDS.toNanos(pauseMs) - (System.nanoTime() - stop);
    if (rest > 0) {
      TimeUnit.NANOSECONDS.sleep(rest);
    }
    String loadAtCont = loadAverage();
    long cont = System.nanoTime();
    paused.mark("SIGCONT");
    cl.stream().filter(c -> c != paused).forEach(c -> c.mark("SIGCONT of " + paused.name));
    signal("CONT", paused.process.pid());
    long whole = awaitAll(cl, Duration.ofSeconds(60), paused, cont);
    String line = String.format(Locale.ROOT,
        "%-9s | paused %s (%s) | removed after %5d ms | all list 3 %5d ms after SIGCONT | "
            + "load %s (at SIGSTOP %s)",
        transport, paused.name, victim == 0 ? "first started" : "not first", removed / 1_000_000,
        (whole - cont) / 1_000_000, loadAtCont, load);
    System.out.println("RESUME-BENCH | " + line);
    return line;
  }

  /**
   * Waits until every child lists N members, the resumed one in a view installed after
   * {@code since}, unchanged for a second; returns the latest of their view changes (nanoTime).
   */
  private static long awaitAll(List<Child> cl, Duration within, Child resumed, long since)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      long latest = Long.MIN_VALUE;
      boolean whole = true;
      for (Child c : cl) {
        synchronized (c) {
          whole &= c.size == N && (c != resumed || c.changedAt > since);
          latest = Math.max(latest, c.changedAt);
        }
      }
      if (whole && System.nanoTime() - latest > QUIET_NANOS) {
        return latest;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the three did not list " + N + " within " + within);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("/bin/kill", "-" + signal, Long.toString(pid))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
    }
  }

  /** One forked replica; its output goes to its log file, VIEW lines update its size. */
  private static final class Child {
    final String name;
    final Process process;
    final PrintWriter log;
    int size;
    long changedAt = Long.MIN_VALUE;

    private Child(String name, Process process, Path logFile) throws IOException {
      this.name = name;
      this.process = process;
      this.log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("VIEW ")) {
              String[] f = line.split(" ");
              synchronized (this) {
                size = Integer.parseInt(f[1]);
                changedAt = Long.parseLong(f[f.length - 1]);
              }
            }
            log.println(line);
          }
        } catch (IOException ignored) {
          // the process ended
        }
      }, "resume-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    void mark(String what) {
      log.println(LocalTime.now() + " (bench) " + what + " nanoTime " + System.nanoTime());
    }

    static Child fork(String cluster, String bind, String known, String name, String tlsDir,
        String implClasses) throws IOException {
      String java = ProcessHandle.current().info().command().orElse(
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
      Path logs = Path.of("target", "resume-logs");
      Files.createDirectories(logs);
      // The tarball's DEFAULT_JVM_OPTS (bin/alertcluster-node).
      List<String> cmd = new ArrayList<>(List.of(java, "-Xss256k", "-Xms12m", "-Xmx64m", "-Xmn6m",
          "-XX:SurvivorRatio=2", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1", "-XX:MetaspaceSize=40m", "-XX:MaxMetaspaceSize=64m",
          "-XX:ReservedCodeCacheSize=16m", "-XX:MaxDirectMemorySize=32m",
          "-Djava.net.preferIPv4Stack=true"));
      if (JFR) {
        cmd.add("-XX:StartFlightRecording=filename=" + logs.resolve(cluster + "-" + name + ".jfr")
            + ",settings=profile,dumponexit=true");
      }
      if (TRACE) {
        for (String logger : List.of("org.jgroups.protocols.pbcast.GMS",
            "org.jgroups.protocols.MERGE3", "org.jgroups.protocols.FD_ALL3",
            "org.jgroups.protocols.VERIFY_SUSPECT2", "org.jgroups.protocols.FD_SOCK2",
            "org.jgroups.protocols.pbcast.Merger", "org.alertcluster.impl.stack",
            "org.alertcluster.impl.sync.StateExchanger")) {
          cmd.add("-Dorg.slf4j.simpleLogger.log." + logger + "=debug");
        }
        // The transports' own loggers carry JGroups' connection table (connecting, established,
        // accepted, rejected, removed) at TRACE.
        if (WIRE) {
          cmd.add("-Dorg.slf4j.simpleLogger.log.org.alertcluster.impl.stack.HandshakeDeadlineTcp=trace");
          cmd.add("-Dorg.slf4j.simpleLogger.log.org.alertcluster.impl.stack.ConnectDeadlineTcpNio2=trace");
        }
      }
      String classPath = System.getProperty("java.class.path");
      if (implClasses != null) {
        List<String> entries = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator)) {
          entries.add(e.replace(File.separatorChar, '/').endsWith("impl/target/classes")
              ? implClasses : e);
        }
        classPath = String.join(File.pathSeparator, entries);
      }
      cmd.addAll(List.of("-cp", classPath,
          ResumeChildMain.class.getName(), cluster, bind, known, name, tlsDir));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      return new Child(name, p, logs.resolve(cluster + "-" + name + ".log"));
    }

    /** By its own PID: SIGCONT (it may be stopped), then SIGKILL. */
    void kill() {
      try {
        signal("CONT", process.pid());
      } catch (Exception ignored) {
        // it ended already
      }
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      log.close();
    }
  }
}
