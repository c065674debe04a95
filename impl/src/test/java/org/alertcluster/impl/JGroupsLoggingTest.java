package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The JGroups messages {@link JGroupsLogging} demotes are exactly the benign close races; other
 * errors from the same call sites stay ERROR. slf4j-simple writes to the current System.err.
 */
class JGroupsLoggingTest {

  /** TP.handleMessageBatch's message, as JGroups 5.5.7 formats it (JGRP000030). */
  private static final String INCOMING = "JGRP000030: a-1: failed handling incoming message";

  private static String errOf(Runnable r) {
    PrintStream old = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The exception the receiver thread gets when this member closed the connection under it. */
  private static IOException readAfterLocalClose() throws IOException {
    BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(new byte[8]));
    in.close();
    try {
      in.read();
    } catch (IOException e) {
      return e;
    }
    throw new AssertionError("a closed BufferedInputStream was readable");
  }

  @Test
  void aBatchCutShortByALocalCloseIsNotAnError() throws Exception {
    JGroupsLogging.QuietCloseLog log = new JGroupsLogging.QuietCloseLog("org.jgroups.protocols.TCP");
    IOException closed = readAfterLocalClose();
    assertThat(closed).hasMessage("Stream closed"); // the JDK's wording this relies on
    assertThat(errOf(() -> log.error(INCOMING, closed))).doesNotContain("ERROR").doesNotContain("Stream closed");
  }

  /** TcpConnection.Receiver's WARN for the same race (logged when three replicas stopped together). */
  @Test
  void theReceiverThreadsStreamClosedIsNotAWarning() throws Exception {
    JGroupsLogging.QuietCloseLog log = new JGroupsLogging.QuietCloseLog("org.jgroups.protocols.TCP");
    assertThat(errOf(() -> {
      try {
        log.warn("127.0.0.1:7800: failed handling message", readAfterLocalClose());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    })).doesNotContain("WARN").doesNotContain("Stream closed");
    assertThat(errOf(() -> log.warn("127.0.0.1:7800: failed handling message", new IOException("Connection reset"))))
        .contains("WARN").contains("Connection reset");
  }

  @Test
  void otherIncomingFailuresStayErrors() {
    JGroupsLogging.QuietCloseLog log = new JGroupsLogging.QuietCloseLog("org.jgroups.protocols.TCP");
    assertThat(errOf(() -> log.error(INCOMING, new IOException("Connection reset"))))
        .contains("ERROR").contains("failed handling incoming message").contains("Connection reset");
    assertThat(errOf(() -> log.error(INCOMING, new java.io.EOFException())))
        .contains("ERROR").contains("EOFException");
    assertThat(errOf(() -> log.error("JGRP000029: failed sending message", new IOException("Stream closed"))))
        .contains("ERROR");
  }

  /**
   * TcpServer's accept-loop WARN (JGRP000006), as a plaintext replica pointed at a TLS cluster
   * causes it on every connect: the first at WARN, the next ones within 10 s not.
   */
  @Test
  void acceptErrorsAreWarnedAtMostOncePerPeriod() {
    JGroupsLogging.QuietCloseLog log = new JGroupsLogging.QuietCloseLog("org.jgroups.protocols.TCP");
    String format = "JGRP000006: %s: failed accepting connection from peer %s: %s";
    String out = errOf(() -> {
      for (int i = 0; i < 5; i++) {
        log.warn(format, "127.0.0.1:7800", "SSLSocket[127.0.0.1:4100" + i + "]",
            new java.net.SocketException("Socket is closed"));
      }
    });
    assertThat(out.lines().filter(l -> l.contains("WARN")).count()).as(out).isEqualTo(1);
    assertThat(out).contains("failed accepting connection from peer SSLSocket[127.0.0.1:41000]")
        .contains("further ones in the next 10 s at DEBUG").doesNotContain("41004");
    // Another message through the same log keeps its level.
    assertThat(errOf(() -> log.warn("JGRP000029: %s: failed sending message to %s", "a", "b")))
        .contains("WARN");
  }

  /**
   * TCP_NIO2's reader WARN ("failed handling message from"): limited per remote address, so that
   * one foreign server does not hide another; the plain-words hint only for a frame length no
   * JGroups peer sends.
   */
  @Test
  void readerFailuresAreWarnedAtMostOncePerPeriodPerAddress() {
    JGroupsLogging.QuietCloseLog log = new JGroupsLogging.QuietCloseLog("org.jgroups.protocols.TCP_NIO2");
    String format = "%s: failed handling message from %s: %s";
    IllegalStateException tooLong = new IllegalStateException("the length of a message (1.21GB) from"
        + " /127.0.0.1:15080 is bigger than the max accepted length (131.07KB): discarding the message");
    String out = errOf(() -> {
      for (int i = 0; i < 5; i++) {
        log.warn(format, "127.0.0.1:7800", "127.0.0.1:15080", tooLong);
        log.warn(format, "127.0.0.1:7800", "127.0.0.1:15081", new java.io.IOException("Connection reset"));
      }
    });
    java.util.List<String> warns = out.lines().filter(l -> l.contains("WARN")).toList();
    assertThat(warns).as(out).hasSize(2);
    assertThat(warns.get(0)).contains("from 127.0.0.1:15080")
        .contains("127.0.0.1:15080 is not an alertcluster/JGroups peer")
        .contains("further ones in the next 10 s at DEBUG");
    assertThat(warns.get(1)).contains("from 127.0.0.1:15081").contains("Connection reset")
        .doesNotContain("not an alertcluster/JGroups peer");
  }

  /** What NAKACK2 does with a non-member's message: its SuppressLog (60 s per sender) over our log. */
  private static final long SUPPRESS_MS = 60_000;
  private static final String VIEW_3 = "[h1|3] (2) [h1, h3]";
  /** Not under org.jgroups, which the tests' simplelogger.properties sets to WARN (INFO would be hidden). */
  private static final String NAKACK2 = "test.pbcast.NAKACK2";

  private static void drop(org.jgroups.util.SuppressLog<String> nakack, String sender, String view) {
    // NAKACK2 passes its local address first (an Address): the Object... overload, not (format, args).
    nakack.log(org.jgroups.util.SuppressLog.Level.warn, sender, SUPPRESS_MS, new Object[] {"h1", sender, view});
  }

  /**
   * A member resumed after SIGSTOP sends before the others' views hold it again, and each of them
   * logged JGroups' WARN "dropped message from non-member" (user trial: one per member per resume).
   * Expected until the merge, which repairs it: one INFO line per episode, saying so.
   */
  @Test
  void aNonMemberDropAroundAMergeIsOneInfoLineNotAWarning() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
    JGroupsLogging.QuietCloseLog log = new JGroupsLogging.QuietCloseLog(NAKACK2, now::get);
    org.jgroups.util.SuppressLog<String> nakack = new org.jgroups.util.SuppressLog<>(log, "MsgDroppedNak");
    String out = errOf(() -> {
      drop(nakack, "h2", VIEW_3);
      now.addAndGet(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(300));
      log.warn("JGRP000011: h1: dropped message from non-member h2 (view=" + VIEW_3 + ")"); // NAKACK2 unsuppressed
    });
    assertThat(out.lines().filter(l -> l.contains("INFO")).toList()).as(out).singleElement(
        org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("h1: dropped a message from h2, not in this member's view " + VIEW_3 + " (JGRP000011)")
        .contains("the merge's state exchange repairs it");
    assertThat(out).doesNotContain("WARN");

    // Merged, and 90 s later paused and resumed again: a new view of this member, a new episode.
    now.addAndGet(java.util.concurrent.TimeUnit.SECONDS.toNanos(90));
    nakack.removeExpired(0); // NAKACK2's suppression (its own clock) has passed too
    String again = errOf(() -> drop(nakack, "h2", "[h1|5] (2) [h1, h3]"));
    assertThat(again).contains("INFO").contains("dropped a message from h2").doesNotContain("WARN");
    // Another sender is another episode.
    assertThat(errOf(() -> drop(nakack, "h3", "[h1|5] (2) [h1, h3]"))).contains("INFO")
        .contains("dropped a message from h3");
  }

  /**
   * A sender that keeps being dropped in one view is not merging: a real problem, still a WARN
   * (NAKACK2 reports it again once its 60 s suppression has passed, with the count it held back).
   */
  @Test
  void aNonMemberThatNeverMergesIsStillAWarning() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(5_000_000_000L);
    JGroupsLogging.QuietCloseLog log = new JGroupsLogging.QuietCloseLog(NAKACK2, now::get);
    org.jgroups.util.SuppressLog<String> nakack = new org.jgroups.util.SuppressLog<>(log, "MsgDroppedNak");
    assertThat(errOf(() -> drop(nakack, "h9", VIEW_3))).contains("INFO").doesNotContain("WARN");
    for (int i = 0; i < 40; i++) {
      drop(nakack, "h9", VIEW_3); // within NAKACK2's suppression: counted, not logged
    }
    // 61 s later, by NAKACK2's clock too: its suppression entry has expired.
    now.addAndGet(java.util.concurrent.TimeUnit.SECONDS.toNanos(61));
    nakack.removeExpired(0);
    String out = errOf(() -> drop(nakack, "h9", VIEW_3));
    assertThat(out.lines().filter(l -> l.contains("WARN")).toList()).as(out).singleElement(
        org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("h1: still dropping messages from h9, which has not been a member of this member's view "
            + VIEW_3 + " for 61 s (JGRP000011")
        .contains("does not merge");
    // Not again within the next 60 s, then again.
    now.addAndGet(java.util.concurrent.TimeUnit.SECONDS.toNanos(30));
    nakack.removeExpired(0);
    assertThat(errOf(() -> drop(nakack, "h9", VIEW_3))).doesNotContain("WARN").doesNotContain("INFO");
    now.addAndGet(java.util.concurrent.TimeUnit.SECONDS.toNanos(31));
    nakack.removeExpired(0);
    assertThat(errOf(() -> drop(nakack, "h9", VIEW_3))).contains("WARN").contains("for 122 s");
  }

  /** Other NAKACK2 warnings keep their level and text. */
  @Test
  void otherSingleStringWarningsAreUntouched() {
    JGroupsLogging.QuietCloseLog log = new JGroupsLogging.QuietCloseLog("org.jgroups.protocols.pbcast.NAKACK2");
    assertThat(errOf(() -> log.warn("JGRP000012: h1: message h2::7 not found in retransmission table of h2")))
        .contains("WARN").contains("not found in retransmission table");
  }
}
