package org.alertcluster.impl.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.util.PeerLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes encoded updates from {@link org.alertcluster.api.Channel#broadcast} callers and multicasts
 * them from its own threads, so a caller never waits for the network.
 *
 * <p>Why threads: {@code JChannel.send} can block when UFC/MFC flow control runs out of credits (a
 * slow member) and a notification pipeline must not stall on that.
 *
 * <p>Fast path: when nothing is queued and no ordinary send is in progress, an update is first
 * offered to {@link Multicast#trySendNow} on the caller's thread, which sends it only if that cannot
 * block (the peer uses JGroups' {@code DONT_BLOCK}). Profiling the delivery latency showed why: at a
 * modest rate every update woke the sender thread, one thread hand-off more than a raw JGroups
 * sender pays, and on a busy machine each wake-up can wait for a CPU, which made the tail
 * (p99) of alertcluster's delivery 1.3–2× raw JGroups'. Updates that cannot go at once are queued
 * as before.
 *
 * <p>Two bounded queues, as Alertmanager: ordinary messages go to a queue of
 * {@code sendQueueCapacity}; when it is full the <em>oldest</em> message is pruned
 * ({@code messagesPruned}), since a newer delta is more useful and anti-entropy repairs the loss.
 * Messages above {@code oversizedMessageThreshold} go to their own queue of
 * {@code oversizedQueueCapacity} with their own sender, so a bulk update cannot hold up small ones;
 * when that queue is full the <em>new</em> message is dropped ({@code oversizedDropped}), as
 * Alertmanager's oversized channel does.
 *
 * <p>Package-private: built and owned by {@link StateReplication}, the package's one public type.
 */
final class Broadcaster {

  /** Sends one envelope to every other member; may block under flow control. */
  @FunctionalInterface
  interface Multicast {
    void send(byte[] envelope) throws Exception;

    /**
     * Sends on the caller's thread if that cannot block.
     *
     * @param envelope the encoded update
     * @return true if sent; false if it must be queued (e.g. no flow-control credits)
     * @throws Exception if the network refused it (counted like a failed send)
     */
    default boolean trySendNow(byte[] envelope) throws Exception {
      return false;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Broadcaster.class);

  private final int threshold;
  private final int capacity;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final BlockingQueue<byte[]> oversized;
  private final PeerCounters counters;
  private final Multicast multicast;
  private final PeerLog sendWarnings = new PeerLog(Broadcaster.class, "").warnAtMostEvery(10_000);
  private final PeerLog pruneWarnings = new PeerLog(Broadcaster.class, "").warnAtMostEvery(60_000);
  private final Thread sender;
  private final Thread oversizedSender;
  /** An ordinary send is in progress (sender thread or fast path); guarded by {@link #lock}. */
  private boolean sending;
  private volatile boolean stopped;

  /**
   * @param threshold envelopes larger than this many bytes are oversized
   * @param capacity ordinary queue capacity
   * @param oversizedCapacity oversized queue capacity
   * @param counters where sends, prunes and drops are counted
   * @param multicast the network
   * @param threadPrefix prefix of the sender threads' names
   */
  Broadcaster(int threshold, int capacity, int oversizedCapacity, PeerCounters counters,
      Multicast multicast, String threadPrefix) {
    this.threshold = threshold;
    this.capacity = capacity;
    this.oversized = new ArrayBlockingQueue<>(oversizedCapacity);
    this.counters = counters;
    this.multicast = multicast;
    this.sender = new Thread(this::drainOrdinary, threadPrefix + "-send");
    this.oversizedSender = new Thread(this::drainOversized, threadPrefix + "-send-oversized");
    sender.setDaemon(true);
    oversizedSender.setDaemon(true);
  }

  /** Starts the sender threads. */
  void start() {
    sender.start();
    oversizedSender.start();
  }

  /**
   * Queues an envelope; never blocks.
   *
   * @param envelope the encoded update
   */
  void submit(byte[] envelope) {
    if (stopped) {
      return;
    }
    if (envelope.length > threshold) {
      if (!oversized.offer(envelope)) {
        counters.increment(ClusterMetric.OVERSIZED_DROPPED);
        pruneWarnings.warn("Oversized broadcast queue full ({} messages); dropping a {}-byte "
            + "update (anti-entropy will repair it)", oversized.size(), envelope.length);
      }
      return;
    }
    if (claimFastPath() && sendNow(envelope)) {
      return;
    }
    enqueue(envelope);
  }

  /**
   * Claims the fast path: only when no ordinary update waits and no ordinary or fast send is in
   * progress, so that fast sends are exclusive (the peer tells a drop for lack of credits by a
   * counter that only they move). Released by {@link #sendNow}.
   *
   * @return true if the caller may call {@link #sendNow}
   */
  private boolean claimFastPath() {
    lock.lock();
    try {
      boolean fast = queue.isEmpty() && !sending;
      if (fast) {
        sending = true;
      }
      return fast;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The fast path, after {@link #claimFastPath}; always clears {@link #sending}.
   *
   * @return true if the envelope is dealt with
   */
  private boolean sendNow(byte[] envelope) {
    boolean done = false;
    try {
      done = multicast.trySendNow(envelope);
      if (done) {
        counters.increment(ClusterMetric.UPDATES_SENT);
        counters.add(ClusterMetric.UPDATE_BYTES_SENT, envelope.length);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      done = true; // as a failed send from the sender thread: logged, lost, repaired by anti-entropy
      if (!stopped) {
        sendWarnings.warn("Broadcast of {} bytes failed: {}", envelope.length, e.toString());
      }
    } finally {
      lock.lock();
      try {
        sending = false;
        if (!queue.isEmpty()) {
          notEmpty.signal();
        }
      } finally {
        lock.unlock();
      }
    }
    return done;
  }

  private void enqueue(byte[] envelope) {
    lock.lock();
    try {
      if (queue.size() >= capacity) {
        queue.pollFirst();
        counters.increment(ClusterMetric.MESSAGES_PRUNED);
        pruneWarnings.warn("Broadcast queue full ({} messages): pruning the oldest; the network "
            + "or a member cannot keep up", capacity);
      }
      queue.addLast(envelope);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** @return messages waiting in both queues */
  int depth() {
    lock.lock();
    try {
      return queue.size() + oversized.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops both senders, dropping what is still queued, and waits for their threads to end.
   *
   * @param timeout the longest to wait for each thread
   */
  void stop(Duration timeout) {
    stopped = true;
    sender.interrupt();
    oversizedSender.interrupt();
    join(sender, timeout);
    join(oversizedSender, timeout);
    lock.lock();
    try {
      queue.clear();
    } finally {
      lock.unlock();
    }
    oversized.clear();
  }

  private static void join(Thread t, Duration timeout) {
    try {
      t.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      LOG.warn("Thread {} did not stop within {}", t.getName(), timeout);
    }
  }

  private void drainOrdinary() {
    while (!stopped) {
      byte[] next;
      lock.lock();
      try {
        while ((queue.isEmpty() || sending) && !stopped) {
          notEmpty.await();
        }
        next = queue.pollFirst();
        sending = next != null;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      if (next != null) {
        try {
          send(next, false);
        } finally {
          lock.lock();
          try {
            sending = false;
          } finally {
            lock.unlock();
          }
        }
      }
    }
  }

  private void drainOversized() {
    while (!stopped) {
      byte[] next;
      try {
        next = oversized.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next != null) {
        send(next, true);
      }
    }
  }

  private void send(byte[] envelope, boolean isOversized) {
    try {
      multicast.send(envelope);
      counters.increment(ClusterMetric.UPDATES_SENT);
      counters.add(ClusterMetric.UPDATE_BYTES_SENT, envelope.length);
      if (isOversized) {
        counters.increment(ClusterMetric.OVERSIZED_SENT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (!stopped) {
        sendWarnings.warn("Broadcast of {} bytes failed: {}", envelope.length, e.toString());
      }
    }
  }
}
