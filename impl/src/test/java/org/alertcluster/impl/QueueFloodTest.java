package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterMetrics;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.jgroups.Message;
import org.jgroups.protocols.MFC;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.MessageBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Injects: real flow control that never gives credits back. The flooding peer's MFC gets an
 * allowance of {@value #CREDITS} bytes per member, and a test protocol right below it
 * ({@link CreditGate}) holds back every MFC credit message coming up to that peer; so once the
 * allowance is spent, a {@code DONT_BLOCK} send on the caller's thread is refused (and counted by
 * CountingMFC) and the broadcaster's two sender threads block in {@code JChannel.send}, for as long
 * as the gate is closed. Then 3 000 small and 60 oversized broadcasts, into queues of 16 and 2.
 *
 * <p>Must hold, by construction and not by how fast which thread runs: the caller finishes while
 * the gate is closed (a broadcast that blocked would wait for credits that cannot come); the
 * queues never grow past their capacity; no more bytes leave than the allowance; every broadcast
 * is sent, queued, held by a blocked sender or counted as pruned or dropped, and drops happen
 * (the flood is many times the allowance plus the queues). After the gate opens, the queues drain
 * and anti-entropy (every 2 s here) brings the other peer to the same entries.
 */
class QueueFloodTest {

  /**
   * The flooder's MFC allowance per member, in bytes: room for a few oversized envelopes (4 KiB
   * each; one must fit, or the oversized sender could never send) and a few hundred small ones,
   * a small fraction of the flood's ~250 KB.
   */
  private static final long CREDITS = 20_000;
  private static final int SMALL = 3000;
  private static final int BIG_EVERY = 50;
  private static final int BROADCASTS = SMALL + SMALL / BIG_EVERY;
  /** The broadcaster's ordinary and oversized senders, each blocked in MFC with one update. */
  private static final int BLOCKED_SENDERS = 2;

  private final String cluster = "flood-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> peers = new ArrayList<>();
  private CreditGate gate;

  @AfterEach
  void close() {
    if (gate != null) {
      gate.open(); // a failed assertion must not leave the senders blocked through leave()
    }
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  @Test
  void floodsAreBoundedCountedAndRepairedByAntiEntropy() throws Exception {
    JGroupsPeer flooder = start(List.of());
    MFC mfc = shrinkCredits(flooder);
    gate = new CreditGate(mfc.getId());
    flooder.channelForTesting().getProtocolStack()
        .insertProtocolInStack(gate, mfc, ProtocolStack.Position.BELOW);
    JGroupsPeer other = start(List.of(flooder.self().address()));
    ClusterAwait.awaitSameView(Duration.ofSeconds(20), peers, 2);
    assertThat(senderCredits(mfc))
        .as("the flooder's MFC sender credits per member (%s)", mfc.printSenderCredits())
        .hasSize(2).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(CREDITS));

    LwwMapState source = new LwwMapState("sil");
    LwwMapState sink = new LwwMapState("sil");
    Channel channel = flooder.addState(source);
    other.addState(sink);
    ClusterMetrics before = flooder.metrics();

    gate.close();
    ExecutorService callerThread =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "flood-caller"));
    long maxDepth;
    try {
      Future<Long> flood = callerThread.submit(() -> flood(flooder, channel, source));
      try {
        // No credit can come back while the gate is closed, so a broadcast that blocked would
        // never return: any bound separates "never blocked" from "blocked"; this one is generous.
        maxDepth = flood.get(60, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("the caller was still in broadcast() 60 s after the flood began, "
            + "with the flooder's flow-control credits held back: broadcast() blocked", e);
      }
    } finally {
      callerThread.shutdownNow();
    }
    // The caller is done; the senders still hold what they took and flow control holds them.
    await("a credit message held back by the gate (the flooder ran out of MFC credits)")
        .atMost(Duration.ofSeconds(10)).until(gate::held, n -> n > 0);
    await("every broadcast accounted for").atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(accountedFor(flooder.metrics(), before))
            .as("broadcasts sent, queued or counted as pruned or dropped; the rest (%d) held by "
                + "the blocked senders", BLOCKED_SENDERS)
            .isEqualTo(BROADCASTS - BLOCKED_SENDERS));
    ClusterMetrics m = flooder.metrics();
    long pruned = delta(m, before, ClusterMetric.MESSAGES_PRUNED);
    long dropped = delta(m, before, ClusterMetric.OVERSIZED_DROPPED);
    assertThat(maxDepth).as("queue depth").isLessThanOrEqualTo(16 + 2);
    assertThat(delta(m, before, ClusterMetric.UPDATE_BYTES_SENT))
        .as("bytes sent while no credits came back").isLessThanOrEqualTo(CREDITS);
    assertThat(pruned + dropped).as("drops counted").isPositive();

    long opened = System.nanoTime();
    gate.open();
    await("the other peer in sync by anti-entropy").atMost(Duration.ofSeconds(30))
        .until(() -> sink.sameEntries(source));
    long syncMillis = (System.nanoTime() - opened) / 1_000_000;
    await("the queues drained once credits came back").atMost(Duration.ofSeconds(10))
        .until(() -> flooder.metrics().get(ClusterMetric.QUEUE_DEPTH) == 0);
    System.out.printf("FAULT | queue flood: %d broadcasts into queues of 16/2 while flow control "
        + "holds the flooder's credits (%d B per member) | max depth %d, %d pruned + %d dropped "
        + "(counted), %d B sent, repaired by anti-entropy (in sync %d ms after the gate opened)%n",
        BROADCASTS, CREDITS, maxDepth, pruned, dropped,
        delta(m, before, ClusterMetric.UPDATE_BYTES_SENT), syncMillis);
  }

  private JGroupsPeer start(List<String> knownPeers) {
    JGroupsPeer p = JGroupsPeer.start(PeerCluster.testDefaults(cluster, FreePorts.next())
        .sendQueueCapacity(16).oversizedQueueCapacity(2).oversizedMessageThreshold(1024)
        .pushPullInterval(Duration.ofSeconds(2)).knownPeers(knownPeers).build());
    peers.add(p);
    return p;
  }

  /**
   * Gives the flooder's MFC an allowance of {@link #CREDITS} per member. MFC sizes its sender
   * credits when it is initialised (a CreditMap of {@code max_credits}) and adds each member of a
   * new view to them; the peer builds and connects its stack in one call, so the earliest point is
   * while it is still alone: initialised again now, the map is filled when the other peer joins.
   * A short {@code max_block_time} makes a blocked sender ask again for credits every 200 ms, so
   * that once the gate opens the senders drain their queues at once.
   */
  private static MFC shrinkCredits(JGroupsPeer alone) throws Exception {
    MFC mfc = alone.channelForTesting().getProtocolStack().findProtocol(MFC.class);
    mfc.setMaxCredits(CREDITS);
    mfc.setMinCredits((long) (CREDITS * mfc.getMinThreshold())); // computed only when unset
    mfc.setMaxBlockTime(200);
    mfc.init();
    return mfc;
  }

  /** The broadcasts, as fast as one caller can write; returns the deepest queue seen. */
  private static long flood(JGroupsPeer flooder, Channel channel, LwwMapState source) {
    long maxDepth = 0;
    String big = "x".repeat(4096);
    for (int k = 0; k < SMALL; k++) {
      channel.broadcast(source.put("small-" + k, "v"));
      if (k % BIG_EVERY == 0) {
        channel.broadcast(source.put("big-" + k, big));
      }
      maxDepth = Math.max(maxDepth, flooder.metrics().get(ClusterMetric.QUEUE_DEPTH));
    }
    return maxDepth;
  }

  /** Broadcasts of the flood sent, still queued, or counted as pruned or dropped. */
  private static long accountedFor(ClusterMetrics m, ClusterMetrics before) {
    return delta(m, before, ClusterMetric.UPDATES_SENT) + m.get(ClusterMetric.QUEUE_DEPTH)
        + delta(m, before, ClusterMetric.MESSAGES_PRUNED)
        + delta(m, before, ClusterMetric.OVERSIZED_DROPPED);
  }

  private static long delta(ClusterMetrics m, ClusterMetrics before, ClusterMetric metric) {
    return m.get(metric) - before.get(metric);
  }

  /** The per-member values of MFC's sender credits, from its "member: credits" lines. */
  private static List<Long> senderCredits(MFC mfc) {
    List<Long> credits = new ArrayList<>();
    Matcher line = Pattern.compile("(?m)^.+: (-?\\d+)$").matcher(mfc.printSenderCredits());
    while (line.find()) {
      credits.add(Long.parseLong(line.group(1)));
    }
    return credits;
  }

  /**
   * Holds back, while closed, every MFC credit message coming up to its member: the other
   * members' replenishments, and the member's credit requests to itself (its own multicasts are
   * not looped back, so MFC credits itself by such messages). Placed right below MFC. Opening lets
   * what it held up, in order.
   */
  static final class CreditGate extends Protocol {
    private final short mfcId;
    private final List<Message> held = new ArrayList<>(); // guarded by this
    private boolean closed;
    private int heldTotal;

    CreditGate(short mfcId) {
      this.mfcId = mfcId;
    }

    synchronized void close() {
      closed = true;
    }

    /** @return how many credit messages it held back so far */
    synchronized int held() {
      return heldTotal;
    }

    void open() {
      List<Message> release;
      synchronized (this) {
        closed = false;
        release = new ArrayList<>(held);
        held.clear();
      }
      release.forEach(up_prot::up);
    }

    private synchronized boolean hold(Message msg) {
      if (!closed || msg.getHeader(mfcId) == null) {
        return false;
      }
      held.add(msg);
      heldTotal++;
      return true;
    }

    @Override
    public Object up(Message msg) {
      return hold(msg) ? null : up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
      batch.removeIf(this::hold, false);
      if (!batch.isEmpty()) {
        up_prot.up(batch);
      }
    }
  }
}
