package org.alertcluster.impl.stack;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jgroups.Address;
import org.jgroups.blocks.cs.BaseServer;
import org.jgroups.blocks.cs.Connection;
import org.jgroups.util.ThreadFactory;

/**
 * Dials a member whose last connect failed, or whose connection {@link WriteDeadline} cut, off the
 * sending thread, for {@link HandshakeDeadlineTcp}. JGroups' blocking {@code TCP} connects on the
 * thread that sends, and a multicast goes to every member in turn on one thread: every message to
 * a member that is paused (its kernel takes the connect, nobody answers the TLS handshake) held
 * every later message, heartbeats too, for the handshake deadline (1.5 s with the defaults), and
 * one that is unreachable for the connect timeout, batch after batch until failure detection
 * removed the member. For such a member a send now fails at once (JGroups counts it as a lost
 * message: NAKACK2/UNICAST3 retransmit it once a connection exists) while one dial at a time runs
 * on a thread of its own; the first connection it establishes, or one the member opens to this
 * peer, ends that. A member that never failed is still dialled on the sending thread, as JGroups
 * does, so a first contact is not delayed.
 *
 * <p>Thread-safe: called from every sending thread and from the view change.
 */
final class Redial {

  /** Set on the dialling threads, so that the socket factory can tell their sockets apart. */
  private static final ThreadLocal<Boolean> DIALLING = ThreadLocal.withInitial(() -> false);

  private final Set<Address> troubled = ConcurrentHashMap.newKeySet();
  private final Set<Address> dialing = ConcurrentHashMap.newKeySet();
  private final LongAdder skipped = new LongAdder();

  /** A connect to {@code dest} failed, or its connection was cut: dial it off-thread from now. */
  void failed(Address dest) {
    if (dest != null) {
      troubled.add(dest);
    }
  }

  /**
   * Whether a send to {@code dest} must skip it instead of connecting on the caller's thread;
   * if so, a dial runs (or is already running) on a thread of {@code threads}.
   *
   * @return true to fail the send now
   */
  boolean skip(BaseServer server, Address dest, ThreadFactory threads) {
    // A dial still running for dest holds JGroups' per-member connect lock: a sender that called
    // getConnection now would wait for it (the member may have left the view meanwhile, which
    // forgets it as troubled, but not the dial).
    if (!troubled.contains(dest) && !dialing.contains(dest)) {
      return false;
    }
    if (server.connectionEstablishedTo(dest)) {
      troubled.remove(dest);
      return false;
    }
    skipped.increment();
    if (dialing.add(dest)) {
      threads.newThread(() -> {
        DIALLING.set(true);
        try {
          Connection conn = server.getConnection(dest);
          troubled.remove(dest);
          if (!server.running()) { // stopped meanwhile: as BaseServer.send (JGRP-3015)
            server.removeConnectionIfPresent(dest, conn);
          }
        } catch (Exception e) {
          // still troubled: the next message to it starts the next dial
        } finally {
          dialing.remove(dest);
        }
      }, "Redial").start();
    }
    return true;
  }

  /** @return true on a thread of this class's, while it dials */
  static boolean onDiallingThread() {
    return DIALLING.get();
  }

  /** Forgets members no longer in the view (a member that comes back is dialled as a new one). */
  void retainAll(Collection<Address> members) {
    troubled.retainAll(members);
  }

  /** @return sends skipped since start because their member was being dialled off-thread */
  long skipped() {
    return skipped.sum();
  }
}
