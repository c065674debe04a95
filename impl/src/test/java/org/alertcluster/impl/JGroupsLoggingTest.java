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
}
