package org.alertcluster.impl;

import org.jgroups.Global;
import org.jgroups.logging.LogFactory;
import org.jgroups.logging.Slf4jLogImpl;

/**
 * Routes JGroups' own logging through slf4j, like ours. JGroups' {@link LogFactory} picks log4j2
 * when its core is visible, slf4j otherwise, and falls back to java.util.logging when
 * {@code Class.forName} cannot see slf4j (a class-loader boundary). Unless the host chose a JGroups
 * logger explicitly ({@code jgroups.log_class}, {@code jgroups.use_jdk_logger}, or a custom
 * factory), install a factory that always uses slf4j. JGroups is embedded privately in the OSGi
 * bundle, so there this affects only our copy.
 *
 * <p>One JGroups message is demoted from ERROR to DEBUG: "failed sending graceful close". JGroups
 * 5.5 logs it when both ends close the same TCP connection at once (two members that dialled each
 * other simultaneously keep one connection and close the other; a member leaving). Nothing is lost
 * (the other end has closed already; messages are retransmitted by NAKACK2/UNICAST3), and with
 * merge detection running several times a second it is common enough to drown real errors.
 *
 * <p>A second one, for the same race seen from the reading side: "failed handling incoming message"
 * (JGRP000030, {@code TP.handleMessageBatch}) caused by {@code IOException("Stream closed")}. When
 * this member closes one of two duplicate connections (or leaves) while that connection's receiver
 * thread is inside {@code Util.readMessageBatch}, the JDK's {@code BufferedInputStream} throws
 * "Stream closed" — which it only does for a stream closed in this JVM, never for a network fault.
 * One in ~6 starts of three replicas started together logged it with a stack trace. The batch was
 * in flight on a connection being dropped; UNICAST3/NAKACK2 retransmit it and discovery repeats, so
 * nothing is lost. JGroups' own receiver thread logs the same race as a WARN with a stack trace,
 * "failed handling message" ({@code TcpConnection.Receiver}; seen when three replicas stop
 * together): demoted alike, as JGroups itself does after 5.5.7 (JGRP-3023). Any other cause of
 * either message (a corrupt or foreign message, a reset by the peer) keeps its level.
 *
 * <p>One is rate-limited: "failed accepting connection from peer" (JGRP000006, the accept loop of
 * {@code TCP}). With TLS on, every connect of a stranger that cannot complete the handshake (a
 * plaintext peer pointed at a TLS cluster, a port scanner) ends there; JGroups logged it at WARN
 * each time, 17 lines a second for one misconfigured replica (user trial), where a refused
 * certificate is logged once per 10 s. Now alike: the first in {@value #ACCEPT_WARN_PERIOD_MS} ms
 * at WARN, saying how many more followed, the rest at DEBUG.
 *
 * <p>And, by the same limit per remote address, "failed handling message from ADDRESS" (TCP_NIO2's
 * reader). A known peer that is a web port by mistake answers our frames with "HTTP/1.1 400",
 * whose first 4 bytes JGroups reads as a frame length of 1.21 GB: 15 WARN lines a second, forever
 * (user trial). The line now says in plain words that the address does not speak the cluster
 * protocol; JGroups does not hand us the bytes, only the length it made of them.
 *
 * <p>NAKACK2's "dropped message from non-member" (JGRP000011) becomes one INFO line per episode: a
 * member resumed after SIGSTOP, back from a partition or restarted sends multicasts before the
 * others' views include it again, and they drop them. That is expected until the merge, and
 * nothing is lost: after the merge view every member runs a full-state exchange (push-pull) with
 * each member it was apart from ({@code sync.SyncCoordinator#merged}), which carries every update
 * that was dropped. JGroups logged each at WARN, one per member per resume, which alarmed
 * operators. An episode is one sender and one view of this member: the first drop is logged at
 * INFO (at most once per {@value #NON_MEMBER_INFO_PERIOD_MS} ms per sender), the rest at DEBUG.
 * A sender still dropped {@value #NON_MEMBER_WARN_AFTER_MS} ms later in the same view is not
 * merging (a real problem): WARN, and again at most every {@value #NON_MEMBER_WARN_AFTER_MS} ms.
 * NAKACK2 itself suppresses repeats per sender for {@code suppress_time_non_member_warnings}
 * (60 s): a persistent drop is seen again after that time.
 */
final class JGroupsLogging {

  static final String BENIGN_CLOSE = "failed sending graceful close";
  static final String INCOMING_FAILURE = "failed handling incoming message";
  static final String RECEIVER_FAILURE = ": failed handling message";
  /** The message of the IOException the JDK's buffered streams throw once closed locally. */
  static final String LOCALLY_CLOSED = "Stream closed";

  static final String ACCEPT_ERROR = "failed accepting connection from peer";
  static final long ACCEPT_WARN_PERIOD_MS = 10_000;
  /** TCP_NIO2's reader ({@code NioConnection}): "%s: failed handling message from %s: %s". */
  static final String HANDLING_FROM = "failed handling message from";
  /** What JGroups' frame reader says when the 4 bytes it took for a length are not one. */
  static final String TOO_LONG = "bigger than the max accepted length";
  /** Per-address limits kept at most; past it they start over (a scan from many ports). */
  static final int MAX_LIMITED_ADDRESSES = 256;
  /** The first drop of an episode at INFO at most this often per sender. */
  static final long NON_MEMBER_INFO_PERIOD_MS = 10_000;
  /** A sender dropped this long within one view is not merging: WARN (and at most this often). */
  static final long NON_MEMBER_WARN_AFTER_MS = 60_000;
  /** NAKACK2's JGRP000011 as JGroups formats it in this JVM's locale; {@code SuppressLog}'s count may follow. */
  static final java.util.regex.Pattern NON_MEMBER_DROP = java.util.regex.Pattern.compile(
      regexOf(org.jgroups.util.Util.getMessage("MsgDroppedNak"))
      + "(?: " + regexOf(org.jgroups.util.Util.getMessage("SuppressMsg")) + ")?");

  /** A JGroups printf format as a regex: literals quoted, each %s or %d one lazy group. */
  static String regexOf(String format) {
    StringBuilder re = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("%[sd]").matcher(format);
    int at = 0;
    while (m.find()) {
      re.append(java.util.regex.Pattern.quote(format.substring(at, m.start()))).append("(.+?)");
      at = m.end();
    }
    return re.append(java.util.regex.Pattern.quote(format.substring(at))).toString();
  }

  private JGroupsLogging() {}

  static synchronized void install() {
    if (LogFactory.getCustomLogFactory() != null
        || System.getProperty(Global.LOG_CLASS) != null || LogFactory.useJdkLogger()) {
      return;
    }
    LogFactory.setCustomLogFactory(new org.jgroups.logging.CustomLogFactory() {
      @Override
      public org.jgroups.logging.Log getLog(Class<?> clazz) {
        return new QuietCloseLog(clazz.getName());
      }

      @Override
      public org.jgroups.logging.Log getLog(String category) {
        return new QuietCloseLog(category);
      }
    });
  }

  /** slf4j, with the benign close race at DEBUG. */
  static final class QuietCloseLog extends Slf4jLogImpl {
    // Per log, and JGroups makes one per protocol instance: the limits are per peer.
    private final WarnLimit acceptLimit = new WarnLimit();
    private final java.util.Map<String, WarnLimit> handlingLimits = new java.util.LinkedHashMap<>();

    private final java.util.function.LongSupplier nanoClock;
    /** Per sender: the current non-member episode. Guarded by itself. */
    private final java.util.Map<String, NonMember> nonMembers = new java.util.LinkedHashMap<>();

    QuietCloseLog(String category) {
      this(category, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime} but in tests */
    QuietCloseLog(String category, java.util.function.LongSupplier nanoClock) {
      super(category);
      this.nanoClock = nanoClock;
    }

    /** One sender's drops while not a member: since when, in which view of this member. */
    private static final class NonMember {
      final String view;
      final long sinceNanos;
      long lastInfoNanos;
      long lastWarnNanos = Long.MIN_VALUE;

      NonMember(String view, long sinceNanos) {
        this.view = view;
        this.sinceNanos = sinceNanos;
      }
    }

    @Override
    public void warn(String msg) {
      java.util.regex.Matcher m = msg == null ? null : NON_MEMBER_DROP.matcher(msg);
      if (m != null && m.matches()) {
        nonMember(msg, m.group(1), m.group(2), m.group(3),
            m.group(4) == null ? null : m.group(4) + " more in the last " + m.group(5));
      } else {
        super.warn(msg);
      }
    }

    /** NAKACK2 without its own suppression ({@code suppress_time_non_member_warnings=0}). */
    private boolean nonMemberDrop(String format, Object... args) {
      if (format == null || args == null || args.length != 3
          || !format.equals(org.jgroups.util.Util.getMessage("MsgDroppedNak"))) {
        return false;
      }
      nonMember(String.format(format, args), String.valueOf(args[0]), String.valueOf(args[1]),
          String.valueOf(args[2]), null);
      return true;
    }

    /** @param suppressed JGroups' count of the drops it did not log, or null */
    private void nonMember(String original, String self, String sender, String view,
        String suppressed) {
      long now = nanoClock.getAsLong();
      String line;
      boolean warn = false;
      synchronized (nonMembers) {
        NonMember n = nonMembers.get(sender);
        if (n == null || !n.view.equals(view)) {
          if (n == null && nonMembers.size() >= MAX_LIMITED_ADDRESSES) {
            nonMembers.clear();
          }
          long lastInfo = n == null ? Long.MIN_VALUE : n.lastInfoNanos;
          n = new NonMember(view, now);
          nonMembers.put(sender, n);
          if (lastInfo != Long.MIN_VALUE && now - lastInfo < ms(NON_MEMBER_INFO_PERIOD_MS)) {
            n.lastInfoNanos = lastInfo;
            debug(original);
            return;
          }
          n.lastInfoNanos = now;
          line = self + ": dropped a message from " + sender + ", not in this member's view " + view
              + " (JGRP000011): expected after a pause, a partition or a restart until the views"
              + " merge; the merge's state exchange repairs it. More from " + sender + " at DEBUG;"
              + " a warning if it is still not a member in " + NON_MEMBER_WARN_AFTER_MS / 1000 + " s";
        } else if (now - n.sinceNanos >= ms(NON_MEMBER_WARN_AFTER_MS)
            && (n.lastWarnNanos == Long.MIN_VALUE
                || now - n.lastWarnNanos >= ms(NON_MEMBER_WARN_AFTER_MS))) {
          n.lastWarnNanos = now;
          warn = true;
          line = self + ": still dropping messages from " + sender + ", which has not been a member"
              + " of this member's view " + view + " for " + (now - n.sinceNanos) / 1_000_000_000L
              + " s (JGRP000011" + (suppressed != null ? ", " + suppressed : "") + "): it reaches this member but does"
              + " not merge. Check that each can connect to the other's cluster port and"
              + " failure-detection port (cluster port + 100), and the other member's log";
        } else {
          debug(original);
          return;
        }
      }
      if (warn) {
        super.warn(line);
      } else {
        info(line);
      }
    }

    private static long ms(long millis) {
      return java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Override
    public void error(String format, Object... args) {
      if (format != null && format.contains(BENIGN_CLOSE)) {
        debug(format, args);
      } else {
        super.error(format, args);
      }
    }

    @Override
    public void error(String msg, Throwable t) {
      if (msg != null && msg.contains(INCOMING_FAILURE) && closedLocally(t)) {
        debug(msg + " (connection closed by this member while reading; retransmitted)", t);
      } else {
        super.error(msg, t);
      }
    }

    @Override
    public void warn(String format, Object... args) {
      if (nonMemberDrop(format, args)) {
        return;
      }
      if (format != null && format.contains(ACCEPT_ERROR)) {
        limited(acceptLimit, format, args);
      } else if (format != null && format.contains(HANDLING_FROM) && args != null
          && args.length >= 3) {
        String from = String.valueOf(args[1]);
        if (args[2] instanceof Throwable t && String.valueOf(t.getMessage()).contains(TOO_LONG)) {
          format = format + " (" + from + " is not an alertcluster/JGroups peer: it answered with"
              + " bytes that are not a JGroups frame; is a known peer (knownPeers) a web"
              + " or other service's port?)";
        }
        limited(limitFor(from), format, args);
      } else {
        super.warn(format, args);
      }
    }

    private synchronized WarnLimit limitFor(String from) {
      if (handlingLimits.size() >= MAX_LIMITED_ADDRESSES && !handlingLimits.containsKey(from)) {
        handlingLimits.clear();
      }
      return handlingLimits.computeIfAbsent(from, k -> new WarnLimit());
    }

    /** The first in a period at WARN, saying how many more the last period had; the rest DEBUG. */
    private void limited(WarnLimit limit, String format, Object... args) {
      if (limit.due(System.nanoTime())) {
        long more = limit.since.getAndSet(0);
        super.warn(format + (more > 0 ? " (and " + more + " more since the last such warning,"
            + " logged at DEBUG)" : "") + "; further ones in the next "
            + ACCEPT_WARN_PERIOD_MS / 1000 + " s at DEBUG", args);
      } else {
        limit.since.incrementAndGet();
        debug(format, args);
      }
    }

    @Override
    public void warn(String msg, Throwable t) {
      if (msg != null && msg.endsWith(RECEIVER_FAILURE) && closedLocally(t)) {
        debug(msg + " (connection closed by this member while reading)", t);
      } else {
        super.warn(msg, t);
      }
    }

    private static boolean closedLocally(Throwable t) {
      return t != null && t.getClass() == java.io.IOException.class && LOCALLY_CLOSED.equals(t.getMessage());
    }

    /** One recurring warning's limit: at WARN at most once per {@value #ACCEPT_WARN_PERIOD_MS} ms. */
    private static final class WarnLimit {
      private final java.util.concurrent.atomic.AtomicLong last =
          new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
      /** Lines logged at DEBUG since the last WARN. */
      final java.util.concurrent.atomic.AtomicLong since = new java.util.concurrent.atomic.AtomicLong();

      /** @return true if one may be logged at WARN now (and starts a new period if so) */
      boolean due(long nowNanos) {
        long l = last.get();
        return (l == Long.MIN_VALUE || nowNanos - l
            >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ACCEPT_WARN_PERIOD_MS))
            && last.compareAndSet(l, nowNanos);
      }
    }

    @Override
    public void error(String msg) {
      if (msg != null && msg.contains(BENIGN_CLOSE)) {
        debug(msg);
      } else {
        super.error(msg);
      }
    }
  }
}
