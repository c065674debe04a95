package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.alertcluster.impl.tls.TestPki;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multi-host variant of the fault tests: five peers, each a JVM in its own Linux network
 * namespace with its own address on a bridge, as the issue measured them. Needs root and iproute2
 * ({@code ip netns}); skipped with a message otherwise (CI runs as root).
 *
 * <p>Injects, with real links: a 3+2 partition made by moving two peers' veth links to a second
 * bridge (no route between the bridges), until each side lists only itself, writes on both sides,
 * links moved back; then one peer's link down, cut right after that merge, until the others have
 * removed it and it has removed them (failure detection 2 s), writes on both sides, link up. Must hold: after each heal every peer lists all five and holds
 * every write, 0 lost. Prints the time from "links back" to "whole and in sync" and the load
 * average (not asserted: timing belongs in benchmarks), and the connects still waiting for a SYN-ACK
 * in h0's namespace just before the heal ({@code ss}: the kernel's retransmission timer of each).
 *
 * <p>Runs twice: with the plaintext stack, and with mutual TLS (certificates made in the run, one
 * per peer address), where the stack keeps JGroups' blocking {@code TCP}.
 *
 * <p>What it found: with JGroups' blocking {@code TCP} transport a multicast dialled the members in
 * turn on one thread, so a member cut while its connections were being set up held every multicast,
 * heartbeats included, for the connect timeout, and the reachable side suspected itself apart (the
 * built-in stack now uses TCP_NIO2); with TCP_NIO2 a connect whose SYN was lost waited for the
 * kernel's retransmission, 1 s or 3 s after it began (the stack now gives up a connect after the
 * probe timeout and dials again, and sooner when a probe's fresh SYN gets through: a heal 0.2 s
 * after the split found every connect across the cut just begun, and waited 0.1-0.4 s for those
 * deadlines); both coordinators led a merge at once after a heal, each waiting merge_timeout for
 * the other (1.2-1.7 s heals; {@code MergeCollisions} now lets the lower one lead); FD_SOCK2 connected to its new ping destination on the thread that
 * installs a view, up to 1 s per port of an unreachable or still-resolving member, holding views
 * and the sender's later messages (it now connects on a thread of its own). What is left of a
 * link-up is the returning peer's ARP: its entries for the others are mid-probe when the link comes
 * back, and the kernel re-probes 1 s apart ({@code retrans_time_ms}); the test prints when they
 * were resolved.
 *
 * <p>Each peer's output goes to {@code target/netns-logs/<cluster>-<peer>.log}. Every name carries a
 * random suffix; the namespaces, bridges and links are deleted after the
 * test, also when it fails, and by a shutdown hook should the JVM be stopped. Each peer binds port
 * 7946 in its own, fresh namespace, where nothing else can hold it. Every wait is bounded.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class NetnsClusterTest {

  private static final int PEERS = 5;
  private static final int PORT = 7946;
  private static final Duration WAIT = Duration.ofSeconds(30);
  /**
   * {@code -Dnetns.trace=true}: the peers log JGroups' membership protocols (GMS, MERGE3, FD_ALL3,
   * VERIFY_SUSPECT2, FD_SOCK2), the connect deadline and the state exchanges at debug, and print a
   * thread dump into their logs when a heal takes longer than 0.7 s and 1.4 s, to read what a slow
   * heal waited for. Off by default: the extra logging costs CPU on a loaded machine. Each
   * namespace's ARP changes are recorded in any case ({@code <cluster>-<peer>.neigh}).
   */
  private static final boolean TRACE = Boolean.getBoolean("netns.trace");
  /**
   * {@code -Dnetns.rounds=N}: the 3+2 partition and heal N times in a row (default 1), each heal
   * timed, to measure heal times without starting five JVMs per sample.
   */
  private static final int ROUNDS = Math.max(1, Integer.getInteger("netns.rounds", 1));
  /** {@code -Dnetns.transports=plaintext} or {@code tls}: only that run (default both). */
  private static final String TRANSPORTS = System.getProperty("netns.transports", "plaintext,tls");

  private final String id = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36,
      36L * 36 * 36 * 36 * 36), 36);
  private final String bridgeA = "acba" + id;
  private final String bridgeB = "acbb" + id;
  private final String subnet = "10." + (200 + ThreadLocalRandom.current().nextInt(50)) + "."
      + ThreadLocalRandom.current().nextInt(256) + ".";
  private final List<Peer> peers = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> monitors = new ArrayList<>();
  private final Thread cleanupHook = new Thread(this::cleanUp, "netns-cleanup");
  private boolean created;
  @TempDir
  Path pkiDir;

  @AfterEach
  void tearDown() {
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // shutting down, or never added
    }
  }

  /**
   * Runs once per transport: plaintext (TCP_NIO2 with a connect deadline) and mutual TLS (JGroups'
   * blocking TCP, whose stall on an unreachable member is bounded by the connect timeout, 300 ms
   * here: heartbeats late by at most 2 × 0.3 s with two members cut, against failure detection
   * after 2 s).
   */
  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void partitionAndLinkDownAcrossNetworkNamespacesHealWithNoUpdateLost(boolean tls)
      throws Exception {
    assumeTrue(TRANSPORTS.contains(tls ? "tls" : "plaintext"),
        "NetnsClusterTest: -Dnetns.transports=" + TRANSPORTS + " leaves out this run");
    assumeNamespacesAvailable();
    String tlsDir = "-";
    if (tls) {
      TestPki pki = new TestPki(pkiDir);
      TestPki.Ca ca = pki.ca("netns-ca");
      for (int i = 0; i < PEERS; i++) {
        pki.issue(ca, "h" + i, TestPki.spec().cn("h" + i).ips(address(i).replace(":" + PORT, "")));
      }
      tlsDir = pkiDir.toString();
    }
    setUpNetwork();
    String cluster = "netns-" + id;
    String known = String.join(",", addresses());
    for (int i = 0; i < PEERS; i++) {
      peers.add(Peer.fork(namespaces.get(i), cluster, address(i), known, "h" + i, tlsDir));
    }
    for (Peer p : peers) {
      p.expect("JOINED ", WAIT);
    }
    long up = System.nanoTime();
    Status formed = awaitStatus(peers, s -> s.members == PEERS, "all list 5");
    System.out.printf("NETNS | formation: all 5 list 5 members %d ms after the last JVM joined%n",
        ms(formed.at - up));

    // 3+2 partition: peers 3 and 4 onto bridge B; healed once the writes are in, while the views
    // of the split are young (about 0.2 s) and connects across the cut are pending.
    List<Long> heals = new ArrayList<>();
    List<Long> wholes = new ArrayList<>();
    Status healed = null;
    long partitionHealed = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      move(3, bridgeB);
      move(4, bridgeB);
      System.out.println("NETNS | " + java.time.LocalTime.now() + " links of h3, h4 on bridge B");
      awaitStatus(peers.subList(0, 3), s -> s.members == 3, "the side of 3 lists 3");
      awaitStatus(peers.subList(3, 5), s -> s.members == 2, "the side of 2 lists 2");
      String r = round == 1 ? "" : round + "-";
      for (int k = 0; k < 20; k++) {
        peers.get(0).put("a-" + r + k);
        peers.get(3).put("b-" + r + k);
      }
      System.out.println("NETNS | connects of h0 waiting for a SYN-ACK before the heal: "
          + synSent(namespaces.get(0)) + "; its neighbours: " + neighbours(namespaces.get(0)));
      partitionHealed = System.nanoTime();
      move(3, bridgeA);
      move(4, bridgeA);
      System.out.println("NETNS | " + java.time.LocalTime.now() + " links of h3, h4 back on bridge A");
      int expected = 40 * round;
      Status whole = awaitStatus(peers, s -> s.members == PEERS, "whole");
      wholes.add(ms(whole.at - partitionHealed));
      healed = traced(() -> awaitStatus(peers, s -> s.members == PEERS && s.entries == expected,
          "whole, " + expected + " entries"));
      assertThat(healed.hashes).as("every peer holds the same entries").hasSize(1);
      heals.add(ms(healed.at - partitionHealed));
    }
    if (ROUNDS > 1) {
      System.out.printf(Locale.ROOT, "NETNS | %s: %d 3+2 heals, all list 5 after %s ms, whole and "
              + "in sync after %s ms (load average %.2f)%n", tls ? "mutual TLS" : "plaintext", ROUNDS,
          wholes, heals,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // One peer's link down past failure detection, writes on both sides, link up. Cut at once after
    // the merge, while the connections to h4 may still be being set up: with the blocking TCP
    // transport the coordinator's multicasts then each waited out the connect to h4, so it neither
    // heartbeated nor installed the view without h4, and the others excluded the live coordinator.
    link(4, "down");
    System.out.println("NETNS | " + java.time.LocalTime.now() + " link of h4 down");
    awaitStatus(peers.subList(0, 4), s -> s.members == 4, "the others list 4");
    // And h4 has given up on them too, as after any real outage longer than failure detection (the
    // issue's was 20 s): a link that came back while h4 still listed some of the others measured a
    // different, half-split case (seen: h4 listed 2 when its link came up).
    awaitStatus(peers.subList(4, 5), s -> s.members == 1, "h4 lists only itself");
    for (int k = 0; k < 10; k++) {
      peers.get(0).put("c-" + k);
      peers.get(4).put("d-" + k);
    }
    System.out.println("NETNS | h4's neighbours before its link comes up: "
        + neighbours(namespaces.get(4)) + "; its connects waiting for a SYN-ACK: "
        + synSent(namespaces.get(4)));
    long linkUp = System.nanoTime();
    java.time.LocalDateTime linkUpAt = java.time.LocalDateTime.now();
    link(4, "up");
    System.out.println("NETNS | " + java.time.LocalTime.now() + " link of h4 up");
    int all = 40 * ROUNDS + 20;
    Status back = traced(() -> awaitStatus(peers, s -> s.members == PEERS && s.entries == all,
        "whole, " + all + " entries"));
    assertThat(back.hashes).as("every peer holds the same entries").hasSize(1);
    System.out.println("NETNS | after the link came up, h4's kernel resolved the others' addresses "
        + "(ARP) after " + arpResolvedAfter(4, linkUpAt) + " ms; whole and in sync after "
        + ms(back.at - linkUp) + " ms");

    System.out.printf(Locale.ROOT, "FAULT | netns (%s): 5 peers, one network namespace each; 3+2 "
            + "partition by moving links between bridges, 40 writes, healed: whole and in sync %d ms "
            + "after the links were back; one link down past failure detection, 20 writes, up: %d "
            + "ms; 0 of %d updates lost (load average %.2f)%n",
        tls ? "mutual TLS, TCP" : "plaintext, TCP_NIO2", ms(healed.at - partitionHealed), ms(back.at - linkUp),
        all, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * Runs a heal's wait; with {@link #TRACE}, every peer prints a thread dump (SIGQUIT, into its
   * log) if the heal is not done 0.7 s and 1.4 s after it began, to show what a slow one waits on.
   */
  private Status traced(java.util.concurrent.Callable<Status> wait) throws Exception {
    if (!TRACE) {
      return wait.call();
    }
    java.util.concurrent.ScheduledExecutorService dumps =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      for (long at : new long[] {700, 1400}) {
        dumps.schedule(() -> peers.forEach(p -> run(false, "kill", "-QUIT",
            Long.toString(p.process.pid()))), at, TimeUnit.MILLISECONDS);
      }
      return wait.call();
    } finally {
      dumps.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ network

  private void assumeNamespacesAvailable() {
    String os = System.getProperty("os.name", "");
    assumeTrue(os.toLowerCase(Locale.ROOT).contains("linux"),
        "NetnsClusterTest skipped: needs Linux network namespaces (os.name=" + os + ")");
    boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
    assumeTrue(root, "NetnsClusterTest skipped: needs root to create network namespaces and "
        + "bridges (running as " + ProcessHandle.current().info().user().orElse("?") + ")");
    String ip = which("ip");
    assumeTrue(ip != null, "NetnsClusterTest skipped: iproute2's 'ip' is not on the PATH");
    String probe = "acprobe-" + id;
    boolean works = run(false, "ip", "netns", "add", probe) != null;
    run(false, "ip", "netns", "del", probe);
    assumeTrue(works, "NetnsClusterTest skipped: 'ip netns add' failed (a container without "
        + "CAP_SYS_ADMIN?)");
  }

  private void setUpNetwork() {
    Runtime.getRuntime().addShutdownHook(cleanupHook);
    created = true;
    for (String bridge : List.of(bridgeA, bridgeB)) {
      run(true, "ip", "link", "add", bridge, "type", "bridge");
      run(true, "ip", "link", "set", bridge, "up");
    }
    for (int i = 0; i < PEERS; i++) {
      String ns = "acns-" + id + "-" + i;
      run(true, "ip", "netns", "add", ns);
      namespaces.add(ns);
      run(true, "ip", "link", "add", hostSide(i), "type", "veth", "peer", "name", nsSide(i));
      run(true, "ip", "link", "set", nsSide(i), "netns", ns);
      run(true, "ip", "-n", ns, "addr", "add", address(i).replace(":" + PORT, "") + "/24",
          "dev", nsSide(i));
      run(true, "ip", "-n", ns, "link", "set", nsSide(i), "up");
      run(true, "ip", "-n", ns, "link", "set", "lo", "up");
      run(true, "ip", "link", "set", hostSide(i), "master", bridgeA);
      run(true, "ip", "link", "set", hostSide(i), "up");
      monitorNeighbours(ns, "netns-" + id + "-h" + i + ".neigh");
    }
  }

  /**
   * Records the namespace's ARP entries' state changes with timestamps ({@code ip -ts monitor
   * neigh}) beside the peer's log: when a heal waited for address resolution, it shows there.
   * Best effort: a missing {@code ip monitor} costs only the record.
   */
  private void monitorNeighbours(String namespace, String file) {
    try {
      Path logs = Path.of("target", "netns-logs");
      Files.createDirectories(logs);
      monitors.add(new ProcessBuilder("ip", "-ts", "-n", namespace, "monitor", "neigh")
          .redirectErrorStream(true).redirectOutput(logs.resolve(file).toFile()).start());
    } catch (IOException e) {
      System.out.println("NETNS | no neighbour record for " + namespace + ": " + e);
    }
  }

  /** The namespace's TCP sockets in SYN-SENT, with their retransmission timers ({@code ss -tno}). */
  private static String synSent(String namespace) {
    String out = run(false, "ip", "netns", "exec", namespace, "ss", "-tnoH", "state", "syn-sent");
    return out == null ? "(ss unavailable)" : out.isEmpty() ? "none"
        : out.lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList().toString();
  }

  /**
   * When a peer's kernel had resolved each other peer's address after {@code since}, from its
   * {@code ip monitor neigh} record: milliseconds per address, in address order ("?" if not seen).
   */
  private String arpResolvedAfter(int peer, java.time.LocalDateTime since) {
    Path record = Path.of("target", "netns-logs", "netns-" + id + "-h" + peer + ".neigh");
    List<String> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(record);
      for (int i = 0; i < PEERS; i++) {
        if (i == peer) {
          continue;
        }
        String ip = address(i).replace(":" + PORT, "");
        String found = "?";
        for (String line : lines) {
          // [2026-11-30T20:38:01.963153] 10.201.56.4 dev acp… lladdr 0e:95:… REACHABLE
          if (line.startsWith("[") && line.contains("] " + ip + " ")
              && (line.contains("REACHABLE") || line.contains("STALE"))) {
            java.time.LocalDateTime at =
                java.time.LocalDateTime.parse(line.substring(1, line.indexOf(']')));
            if (!at.isBefore(since)) {
              found = Long.toString(Duration.between(since, at).toMillis());
              break;
            }
          }
        }
        out.add(found);
      }
    } catch (IOException | RuntimeException e) {
      return "(no record: " + e.getMessage() + ")";
    }
    return String.join(", ", out);
  }

  /** The namespace's ARP entries and their states ({@code ip neigh}). */
  private static String neighbours(String namespace) {
    String out = run(false, "ip", "-n", namespace, "neigh", "show");
    return out == null ? "(ip neigh failed)"
        : out.lines().map(l -> l.trim().replaceAll("\\s+", " ")).toList().toString();
  }

  private void move(int peer, String bridge) {
    run(true, "ip", "link", "set", hostSide(peer), "master", bridge);
  }

  private void link(int peer, String state) {
    run(true, "ip", "link", "set", hostSide(peer), state);
  }

  private synchronized void cleanUp() {
    for (Peer p : peers) {
      p.stop();
    }
    peers.clear();
    for (Process m : monitors) {
      m.destroy();
    }
    monitors.clear();
    if (!created) {
      return;
    }
    for (String ns : namespaces) {
      run(false, "ip", "netns", "del", ns); // takes its veth pair with it
    }
    for (int i = 0; i < PEERS; i++) {
      run(false, "ip", "link", "del", hostSide(i)); // if the namespace was never made
    }
    run(false, "ip", "link", "del", bridgeA);
    run(false, "ip", "link", "del", bridgeB);
    namespaces.clear();
    created = false;
  }

  private String hostSide(int i) {
    return "acv" + id + i;
  }

  private String nsSide(int i) {
    return "acp" + id + i;
  }

  private String address(int i) {
    return subnet + (i + 1) + ":" + PORT;
  }

  private List<String> addresses() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < PEERS; i++) {
      all.add(address(i));
    }
    return all;
  }

  /** Runs a command (10 s at most); its output, or null on failure when {@code strict} is false. */
  private static String run(boolean strict, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      boolean done = p.waitFor(10, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!done) {
        p.destroyForcibly();
      }
      if (done && p.exitValue() == 0) {
        return out;
      }
      if (strict) {
        throw new IllegalStateException(String.join(" ", command) + " failed: "
            + (done ? "exit " + p.exitValue() : "timed out") + " " + out);
      }
      return null;
    } catch (IOException e) {
      if (strict) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + e, e);
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String which(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/sbin:/usr/bin:/bin")
        .concat(":/usr/sbin:/sbin").split(File.pathSeparator)) {
      File f = new File(dir, tool);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ peers

  /** What every peer of a group answered to one STATUS round, and when all had answered. */
  private record Status(int members, int entries, Set<String> hashes, long at) {}

  /**
   * Polls STATUS on every peer of {@code group} until every answer matches, within {@link #WAIT}.
   *
   * @return the first round in which all matched, with the time it completed
   */
  private static Status awaitStatus(List<Peer> group, Predicate<Status> each, String what) {
    AtomicReference<List<String>> last = new AtomicReference<>(List.of());
    try {
      return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
          .until(() -> statusRound(group, each, last), Objects::nonNull);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not within " + WAIT + ": " + what + "; last answers " + last.get());
    }
  }

  /** One STATUS round; the answers go to {@code last}. @return the round if all matched, else null */
  private static Status statusRound(List<Peer> group, Predicate<Status> each,
      AtomicReference<List<String>> last) throws InterruptedException {
    List<String> answers = new ArrayList<>();
    for (Peer p : group) {
      p.send("STATUS");
    }
    boolean all = true;
    Set<String> hashes = new HashSet<>();
    int minMembers = Integer.MAX_VALUE;
    int minEntries = Integer.MAX_VALUE;
    for (Peer p : group) {
      String line = p.expect("STATUS ", Duration.ofSeconds(10));
      answers.add(p.name + ": " + line);
      String[] f = line.split(" ");
      Status s = new Status(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Set.of(f[3]), 0);
      all &= each.test(s);
      hashes.add(f[3]);
      minMembers = Math.min(minMembers, s.members);
      minEntries = Math.min(minEntries, s.entries);
    }
    last.set(answers);
    return all ? new Status(minMembers, minEntries, hashes, System.nanoTime()) : null;
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /** A peer JVM in a namespace: commands to its stdin, answers from its stdout. */
  private static final class Peer {
    final String name;
    final Process process;
    final PrintWriter in;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Peer(String name, Process process, Path logFile) {
      this.name = name;
      this.process = process;
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile))) {
          String lastStatus = null;
          for (String line; (line = out.readLine()) != null; ) {
            boolean answer = line.startsWith("JOINED") || line.startsWith("PUT-OK")
                || line.startsWith("STATUS");
            // Answers carry no time of their own: stamped here, and a STATUS only when it changed.
            if (!answer) {
              log.println(line);
            } else if (!line.startsWith("STATUS") || !line.equals(lastStatus)) {
              log.println(LocalTime.now() + " (test) " + line);
            }
            lastStatus = line.startsWith("STATUS") ? line : lastStatus;
            log.flush();
            if (answer) {
              lines.add(line);
            } else if (line.contains("WARN") || line.contains("ERROR")) {
              System.out.println("[" + name + "] " + line);
            }
          }
        } catch (IOException ignored) {
          // the process ended: the test's waits time out with a message
        }
      }, "netns-peer-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    static Peer fork(String namespace, String cluster, String bind, String known, String name,
        String tlsDir) throws IOException {
      String java = ProcessHandle.current().info().command().orElse(
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
      List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, java,
          "-Djava.net.preferIPv4Stack=true", "-Xmx96m", "-XX:TieredStopAtLevel=1"));
      if (TRACE) {
        for (String logger : List.of("org.jgroups.protocols.pbcast.GMS",
            "org.jgroups.protocols.MERGE3", "org.jgroups.protocols.FD_ALL3",
            "org.jgroups.protocols.VERIFY_SUSPECT2", "org.jgroups.protocols.FD_SOCK2",
            "org.jgroups.protocols.pbcast.Merger",
            "org.alertcluster.impl.stack.ConnectDeadlineTcpNio2",
            "org.alertcluster.impl.stack.MergeCollisions",
            "org.alertcluster.impl.stack.BoundedFdSock2",
            "org.alertcluster.impl.sync.StateExchanger")) {
          cmd.add("-Dorg.slf4j.simpleLogger.log." + logger + "=debug");
        }
      }
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
          NetnsPeerMain.class.getName(), cluster, bind, known, name, tlsDir));
      Path logs = Path.of("target", "netns-logs");
      Files.createDirectories(logs);
      return new Peer(name, new ProcessBuilder(cmd).redirectErrorStream(true).start(),
          logs.resolve(cluster + "-" + name + ".log"));
    }

    void send(String command) {
      in.println(command);
    }

    void put(String entry) throws InterruptedException {
      send("PUT " + entry);
      expect("PUT-OK " + entry, Duration.ofSeconds(10));
    }

    String expect(String prefix, Duration within) throws InterruptedException {
      String line = ChildPeerLoop.awaitLine(lines, prefix, within);
      if (line != null) {
        return line;
      }
      throw new AssertionError(name + " printed no '" + prefix + "' within " + within
          + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
    }

    /** Ends the JVM: end of input (it leaves), then SIGTERM, then SIGKILL; by its own PID. */
    void stop() {
      in.close();
      try {
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroy();
          if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
          }
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
