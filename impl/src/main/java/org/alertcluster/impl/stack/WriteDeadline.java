package org.alertcluster.impl.stack;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jgroups.blocks.cs.Connection;

/**
 * A progress deadline on the writes of JGroups' blocking {@code TcpConnection}s, for
 * {@link HandshakeDeadlineTcp}. A write to a socket whose send buffer is full blocks until the
 * other side reads or TCP gives up (minutes); a member that vanished (paused, host gone, link cut)
 * reads nothing, so once more than the send buffer is in flight to it the writing thread, and every
 * thread queued behind it on the connection's lock, waits. The thread that writes every multicast
 * to each member in turn is among them, and with it heartbeats and views stop.
 *
 * <p>Each write registers with the connection it goes to ({@link #begin}, {@link #end}); a
 * connection that has had a write pending and none completed for {@link #deadlineNanos} is
 * <em>stuck</em> and {@link #sweep} cuts it: {@code close(false)} on a thread of its own, which
 * closes the socket without the graceful-close write (which would block too) and without any of
 * the connection's locks, so the blocked writes fail at once. JGroups then drops the connection,
 * dials again for the next message, and NAKACK2/UNICAST3 retransmit what was lost. Each cut is
 * counted and logged once.
 *
 * <p>Not thread-confined: {@code begin}/{@code end} run on every sending thread, {@code sweep} on
 * JGroups' timer.
 */
final class WriteDeadline {

  /** Writes in progress on one connection, and since when none has completed. */
  static final class Progress {
    final Connection connection;
    final AtomicInteger writers = new AtomicInteger();
    final AtomicBoolean cut = new AtomicBoolean();
    volatile long since;

    Progress(Connection connection) {
      this.connection = connection;
    }
  }

  private final ConcurrentHashMap<Connection, Progress> connections = new ConcurrentHashMap<>();
  private final LongAdder cuts = new LongAdder();
  private final long deadlineNanos;
  private final Consumer<Progress> cutter;
  private final LongSupplier clock;

  /**
   * @param deadlineMs how long a connection may have a write pending without any completing
   * @param cutter closes a stuck connection, off the caller's thread; called once per connection
   */
  WriteDeadline(long deadlineMs, Consumer<Progress> cutter) {
    this(deadlineMs, cutter, System::nanoTime);
  }

  /** With a clock of its own, for tests. */
  WriteDeadline(long deadlineMs, Consumer<Progress> cutter, LongSupplier nanoClock) {
    this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMs);
    this.cutter = cutter;
    this.clock = nanoClock;
  }

  /** A write to {@code c} starts (or a graceful close, which writes too). */
  Progress begin(Connection c) {
    Progress p = connections.computeIfAbsent(c, Progress::new);
    // The clock starts when the first writer arrives; a writer joining a pending one does not
    // restart it (else a steady trickle of senders queued behind a stuck write would hide it).
    if (p.writers.get() == 0) {
      p.since = clock.getAsLong();
    }
    p.writers.incrementAndGet();
    return p;
  }

  /** The write registered by {@link #begin} completed or failed. */
  void end(Progress p) {
    p.since = clock.getAsLong();
    p.writers.decrementAndGet();
  }

  /**
   * Cuts {@code c} now if a write to it is pending (a view just removed its member: waiting
   * longer serves nothing).
   *
   * @return true if it was cut by this call
   */
  boolean cutIfPending(Connection c) {
    Progress p = connections.get(c);
    return p != null && p.writers.get() > 0 && cut(p);
  }

  /** Cuts every stuck connection; forgets closed ones that no write waits on. */
  void sweep() {
    long now = clock.getAsLong();
    for (Progress p : connections.values()) {
      if (p.writers.get() == 0) {
        if (p.connection.isClosed()) {
          connections.remove(p.connection, p);
        }
      } else if (now - p.since > deadlineNanos) {
        cut(p);
      }
    }
  }

  private boolean cut(Progress p) {
    if (!p.cut.compareAndSet(false, true)) {
      return false;
    }
    cuts.increment();
    cutter.accept(p);
    return true;
  }

  /** @return how many connections were cut since start */
  long cuts() {
    return cuts.sum();
  }

  /** @return the deadline in ms */
  long deadlineMs() {
    return TimeUnit.NANOSECONDS.toMillis(deadlineNanos);
  }

  /** @return connections tracked now (open ones, and closed ones a write still waits on) */
  int tracked() {
    return connections.size();
  }
}
