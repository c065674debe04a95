package org.alertcluster.impl.membership;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.wire.Envelope;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.PhysicalAddress;
import org.jgroups.View;

/**
 * A peer's membership: builds and owns the view tracker (sorted members, positions, leaves,
 * failures, reconnections, listeners; {@code ViewTracker}), the goodbye protocol that lets the
 * others count a leave rather than a failure ({@code GoodbyeHandshake}) and the leave sequence
 * ({@code LeaveSequence}). The peer hands it every view, the goodbye messages it receives and its
 * expiry tick, and leaves through {@link #leave}.
 *
 * <p>Public only because the root package ({@code JGroupsPeer}, its receiver) creates it, feeds it
 * views and goodbyes and leaves through it; <b>not API</b>: the bundle exports no impl package, and
 * {@code PublicSurfaceTest} keeps the list of impl's public types with the reason for each.
 */
public final class Membership {

  /** What the peer does around the membership steps of a leave. */
  public interface LeaveSteps {
    /** Stops the peer's own work: readiness, exchanges, periodic tasks, send queue, pending acks. */
    void quiesce();

    /** Closes the JGroups channel (GMS leave, then the stack). */
    void disconnect();

    /** Stops the peer's threads and unregisters what it registered. */
    void release();
  }

  private final String name;
  private final Supplier<JChannel> channel;
  private final ViewTracker tracker;
  private final GoodbyeHandshake goodbyes = new GoodbyeHandshake();
  private final LeaveSequence leaving;

  /**
   * @param self this peer as a member (its address is filled in once connected), reported until
   *     the first view arrives
   * @param clusterName the cluster's name, for the log
   * @param channel the peer's JGroups channel (null before the first connect)
   * @param physical looks up a member's physical address (JGroups GET_PHYSICAL_ADDRESS)
   * @param counters where joins, leaves, failures, reconnections and conflicts are counted
   * @param notifier the single thread that calls listeners
   * @param scheduler runs the grace-period classification of departed members
   * @param probeTimeout {@code ClusterConfig.probeTimeout}: sets the goodbye grace period and
   *     bounds the leave's waits
   */
  public Membership(Member self, String clusterName, Supplier<JChannel> channel,
      Function<Address, PhysicalAddress> physical, PeerCounters counters, Executor notifier,
      ScheduledExecutorService scheduler, Duration probeTimeout) {
    this.name = self.name();
    this.channel = channel;
    this.tracker = new ViewTracker(() -> channel.get().getAddress(), self, physical, counters,
        notifier, scheduler, goodbyeGrace(probeTimeout));
    this.leaving = new LeaveSequence(name, clusterName, goodbyes, probeTimeout);
  }

  /**
   * How long a member that vanished from the view may take to say goodbye before it counts as
   * failed: twice the probe timeout, 0.5 to 2 s. The goodbye and the view travel on different
   * connections and threads, so on a busy host either may come first.
   */
  private static Duration goodbyeGrace(Duration probeTimeout) {
    return Duration.ofMillis(Math.min(2000, Math.max(500, 2 * probeTimeout.toMillis())));
  }

  /**
   * @param configured {@code ClusterConfig.nodeName}, empty for a generated one
   * @return the node name to use: the configured one, else a new ULID-like name
   */
  public static String nodeName(String configured) {
    return configured.isEmpty() ? NodeNames.generate() : configured;
  }

  // ------------------------------------------------------------ views and messages

  /**
   * Takes a new view: members, leaves and failures, listeners; the goodbye protocol stops waiting
   * for members that are gone.
   *
   * @param view the view JGroups installed
   */
  public void viewAccepted(View view) {
    tracker.viewAccepted(view);
    goodbyes.viewChanged(view);
  }

  /**
   * Handles a goodbye (recorded, then acknowledged) or the acknowledgement of this peer's own.
   * Runs on JGroups' threads.
   *
   * @param from the sender
   * @param envelope the decoded message
   */
  public void receive(Address from, Envelope envelope) {
    switch (envelope.getBodyCase()) {
      case GOODBYE -> {
        tracker.goodbye(from);
        goodbyes.acknowledge(channel.get(), from, envelope.getGoodbye().getId());
      }
      case GOODBYE_ACK -> goodbyes.acknowledged(from, envelope.getGoodbyeAck().getId());
      default -> throw new IllegalArgumentException("not a membership message: "
          + envelope.getBodyCase());
    }
  }

  /** @param reconnectTimeout how long a failed member is remembered (and reconnected to) */
  public void forgetExpired(Duration reconnectTimeout) {
    tracker.forgetExpired(reconnectTimeout);
  }

  /** @param callback told (with "some were forgotten") whenever the failed-peer set changes */
  public void onFailedChanged(Consumer<Boolean> callback) {
    tracker.onFailedChanged(callback);
  }

  // ------------------------------------------------------------ queries

  /** @return the current view, null before the first */
  public View view() {
    return tracker.view();
  }

  /** @return the members, sorted by name (this peer alone before the first view) */
  public List<Member> members() {
    return tracker.members();
  }

  /** @return this peer's position among the sorted members */
  public int position() {
    return tracker.position();
  }

  /** @return the other members' addresses in the current view */
  public List<Address> others() {
    return tracker.others();
  }

  /**
   * @param a a member's address
   * @return its Member (also of one that just left)
   */
  public Member member(Address a) {
    return tracker.member(a);
  }

  /** @return the members that failed and are still remembered */
  public List<Member> failedMembers() {
    return tracker.failedPeers().stream().map(ViewTracker.FailedPeer::member).toList();
  }

  /** @return the physical addresses of the failed members that are still remembered */
  public List<InetSocketAddress> failedAddresses() {
    return tracker.failedAddresses();
  }

  /** @return the members, for the log */
  public Collection<String> describe() {
    return tracker.describe();
  }

  /** @param listener told of joins, leaves, failures, reconnections on the notifier thread */
  public void addListener(MembershipListener listener) {
    tracker.addListener(listener);
  }

  /** @param listener a listener added before (no-op otherwise) */
  public void removeListener(MembershipListener listener) {
    tracker.removeListener(listener);
  }

  // ------------------------------------------------------------ leave

  /**
   * Leaves: see {@code LeaveSequence}. Called once per peer.
   *
   * @param timeout bounds the disconnect
   * @param sayGoodbye false after a simulated crash
   * @param steps what the peer does around the membership steps
   */
  public void leave(Duration timeout, boolean sayGoodbye, LeaveSteps steps) {
    leaving.run(channel.get(), timeout, sayGoodbye, steps);
  }
}
