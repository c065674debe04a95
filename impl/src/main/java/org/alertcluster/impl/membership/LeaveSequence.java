package org.alertcluster.impl.membership;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.alertcluster.impl.stack.StackBuilder;
import org.alertcluster.impl.util.PeerLog;
import org.jgroups.JChannel;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.pbcast.GMS;

/**
 * A peer's graceful leave, in order: step out of merges, quiesce (the peer's own tasks stop), say
 * goodbye and wait for every member's acknowledgement ({@link GoodbyeHandshake}), disconnect through
 * GMS, release the threads. The others then report one {@code left} and no failure, and the leave
 * takes milliseconds when every member is reachable.
 *
 * <p><b>Out of merges first.</b> A leaver that still took part in merge detection was merged back
 * in: a MERGE3 view report it had sent (or answered) with its old view reached members that had
 * already removed it, they merged it in again and, when it was gone for good, reported it failed;
 * a merge round with a participant that has gone also held every join and leave for the merge
 * timeout. So MERGE3 stops on the leaver and {@link StackBuilder#leaving} makes it send, answer and accept no
 * merge traffic from here on; the others ignore the merge traffic of a member that said goodbye.
 *
 * <p>Called once per peer, from {@code leave}; the caller guarantees that.
 *
 * <p>Package-private: built and owned by {@link Membership}, the package's one public type.
 */
final class LeaveSequence {

  /** The longest a leave waits for goodbye acknowledgements (members answer in milliseconds). */
  static final Duration GOODBYE_MAX_WAIT = Duration.ofSeconds(2);

  private final PeerLog log;
  private final String name;
  private final String clusterName;
  private final GoodbyeHandshake goodbyes;
  private final Duration probeTimeout;

  /**
   * @param name this peer's node name
   * @param clusterName the cluster's name, for the log
   * @param goodbyes the goodbye protocol this peer's receiver feeds
   * @param probeTimeout {@code ClusterConfig.probeTimeout}: bounds the waits for the view and for
   *     the coordinator's answer once every member knows
   */
  LeaveSequence(String name, String clusterName, GoodbyeHandshake goodbyes,
      Duration probeTimeout) {
    this.log = new PeerLog(LeaveSequence.class, name);
    this.name = name;
    this.clusterName = clusterName;
    this.goodbyes = goodbyes;
    this.probeTimeout = probeTimeout;
  }

  /**
   * Leaves.
   *
   * @param channel the peer's channel (connected, or closed after a failed start)
   * @param timeout the caller's bound for the whole leave; the goodbye waits at most half of it
   *     (and at most 2 s), GMS' leave response the rest
   * @param sayGoodbye false for a simulated crash: no goodbye, the others see a failure
   * @param steps the peer's own steps
   */
  void run(JChannel channel, Duration timeout, boolean sayGoodbye, Membership.LeaveSteps steps) {
    long start = System.nanoTime();
    StackBuilder.leaving(channel);
    MERGE3 merge3 = channel.getProtocolStack().findProtocol(MERGE3.class);
    if (merge3 != null) {
      merge3.stop();
    }
    steps.quiesce();
    boolean everyoneKnows = false;
    long goodbyeStart = System.nanoTime();
    if (sayGoodbye) {
      // Goodbye first, acknowledged by every member, so the others count a leave, not a failure.
      Duration wait = timeout.dividedBy(2);
      everyoneKnows = goodbyes.sayGoodbye(channel, name,
          wait.compareTo(GOODBYE_MAX_WAIT) < 0 ? wait : GOODBYE_MAX_WAIT);
      goodbyes.awaitLeaversGone(probeTimeout);
    }
    GMS gms = channel.getProtocolStack().findProtocol(GMS.class);
    if (gms != null) {
      gms.setLeaveTimeout(leaveResponseWait(timeout, everyoneKnows));
    }
    long closeStart = System.nanoTime();
    steps.disconnect();
    long threadsStart = System.nanoTime();
    steps.release();
    long end = System.nanoTime();
    log.info("left cluster '{}' in {} ms (goodbye {} ms{}, disconnect {} ms, threads {} ms)",
        clusterName, ms(end - start), ms(closeStart - goodbyeStart),
        everyoneKnows || !sayGoodbye ? "" : " not acknowledged by all",
        ms(threadsStart - closeStart), ms(end - threadsStart));
  }

  /**
   * How long GMS waits for the coordinator's LEAVE response. JGroups sends that response once,
   * unreliably (NO_RELIABILITY, DONT_BLOCK), and it is lost now and then when the TCP connection to
   * the new coordinator is still being set up (right after a join, or when a coordinator hands
   * over); the leave then waited out the whole timeout (10 s). Once every member acknowledged the
   * goodbye, the response adds nothing: a lost LEAVE request is covered by FD_SOCK2 seeing the
   * socket close, and the members already count a leave. So wait only about a round trip plus the
   * coordinator's view installation, the probe timeout (500 ms by default); the full timeout only
   * when some member did not acknowledge.
   */
  long leaveResponseWait(Duration timeout, boolean everyoneKnows) {
    long full = Math.max(1, timeout.toMillis());
    return everyoneKnows ? Math.min(full, Math.max(100, probeTimeout.toMillis())) : full;
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
