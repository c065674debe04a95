package org.alertcluster.impl.membership;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.HostPort;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.impl.discovery.Discovery;
import org.alertcluster.impl.util.PeerCounters;
import org.alertcluster.impl.util.PeerLog;
import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.View;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.NameCache;

/**
 * Turns JGroups views into what the api reports: the sorted member list and position, joins, leaves
 * and failures, failed-peer bookkeeping and name conflicts. JGroups itself only knows members and
 * views; Alertmanager's notion of a "failed peer that is retried for a while" is rebuilt here.
 *
 * <p><b>Members and position.</b> Every view is mapped to {@link Member}s (logical name, advertised
 * {@code ip:port}) and sorted by name, ties broken by the JGroups address, so that every member of a
 * view computes the same list; {@link #position()} is this peer's index in it, not its place in
 * the view (view order is join order and changes after merges).
 *
 * <p><b>Leave or failure.</b> A member that leaves gracefully multicasts a goodbye first
 * ({@link #goodbye(Address)}). A member missing from a new view is classified after a short grace
 * period (so that a goodbye racing with the view still counts): goodbye seen → left; otherwise →
 * failed, and it is remembered with its address and the time. A goodbye arriving even later turns
 * a failed peer into a left one (it stops being retried; {@code peersFailed} keeps the count).
 *
 * <p><b>Failed peers.</b> Their addresses are kept in discovery ({@link Discovery}) so MERGE3
 * can find them again; a member joining with the same name or the same address counts a
 * reconnection; after {@code reconnectTimeout} ({@link #forgetExpired}) they are dropped.
 *
 * <p><b>Conflicts.</b> JGroups admits two members with the same logical name (their addresses
 * differ); each newly joined member whose name another member already has counts one conflict.
 *
 * <p>Views arrive one at a time from JGroups; goodbyes from receive threads; the methods are
 * synchronized. Listeners run on the notification executor, one event at a time, in view order.
 *
 * <p>Package-private: built and owned by {@link Membership}, the package's one public type.
 */
final class ViewTracker {


  /** A member that vanished without leaving. */
  record FailedPeer(Member member, InetSocketAddress address, long sinceNanos) {}

  /** {@code named}: the name is the member's own, not its JGroups address as a stand-in. */
  private record Entry(Address address, String name, boolean named) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::name).thenComparing(Entry::address);

  private final PeerLog log;
  private final Supplier<Address> self;
  private final Function<Address, PhysicalAddress> physical;
  private final PeerCounters counters;
  private final Executor notifier;
  private final ScheduledExecutorService scheduler;
  private final long graceMillis;
  private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();

  private View view;
  private List<Entry> sorted = List.of();
  private volatile List<Member> members;
  private volatile int position;
  /** Some member's name or address was not known yet at the last look ({@link #resolveLate}). */
  private volatile boolean unresolved;
  /** Members that said goodbye and are still (or not yet) in the view, oldest first. */
  private final Set<Address> goodbyes = new java.util.LinkedHashSet<>();
  /**
   * Addresses already reported as left, most recent last. A JGroups address belongs to one channel
   * incarnation, so such an address can reappear only through a stale merge (the leaver's MERGE3
   * was still running while its leave was processed); it is then neither re-announced as joined
   * nor, when it goes again, reported as failed: a leave is reported once.
   */
  private final Set<Address> departed = new java.util.LinkedHashSet<>();
  private static final int DEPARTED_REMEMBERED = 1024;
  private final Map<Address, Member> departing = new HashMap<>();
  private final Map<Address, FailedPeer> failed = new LinkedHashMap<>();
  private Consumer<Boolean> failedChanged = forgotten -> {};

  /**
   * @param self this peer's JGroups address (assigned when the channel connects)
   * @param selfMember this peer as a member, reported until the first view arrives
   * @param physical looks up a member's physical address (JGroups GET_PHYSICAL_ADDRESS)
   * @param counters where joins, leaves, failures, reconnections and conflicts are counted
   * @param notifier the single thread that calls listeners
   * @param scheduler runs the grace-period classification of departed members
   * @param grace how long a departed member may take to say goodbye
   */
  ViewTracker(Supplier<Address> self, Member selfMember, Function<Address, PhysicalAddress> physical,
      PeerCounters counters, Executor notifier, ScheduledExecutorService scheduler,
      Duration grace) {
    this.log = new PeerLog(ViewTracker.class, selfMember.name());
    this.self = self;
    this.physical = physical;
    this.counters = counters;
    this.notifier = notifier;
    this.scheduler = scheduler;
    this.graceMillis = grace.toMillis();
    this.members = List.of(selfMember);
  }

  /** @param callback told (with "some were forgotten") whenever the failed-peer set changes */
  synchronized void onFailedChanged(Consumer<Boolean> callback) {
    this.failedChanged = callback;
  }

  /** @param listener added; sees changes from now on */
  void addListener(MembershipListener listener) {
    listeners.add(listener);
  }

  /** @param listener removed */
  void removeListener(MembershipListener listener) {
    listeners.remove(listener);
  }

  /**
   * Applies a new view.
   *
   * @param newView the view JGroups installed
   */
  synchronized void viewAccepted(View newView) {
    Set<Address> before = view == null ? Set.of() : new HashSet<>(view.getMembers());
    boolean first = view == null;
    view = newView;
    List<Entry> entries = new ArrayList<>();
    for (Address a : newView.getMembers()) {
      entries.add(entry(a));
    }
    entries.sort(ORDER);
    sorted = entries;
    refreshMembers();

    Map<String, Integer> nameCounts = new HashMap<>();
    entries.forEach(e -> nameCounts.merge(e.name(), 1, Integer::sum));
    boolean failedSetChanged = false;
    for (Address a : newView.getMembers()) {
      if (before.contains(a)) {
        continue;
      }
      if (departed.contains(a)) {
        log.debug("{} already left; its reappearance (a stale merge) is not reported", a);
        continue;
      }
      if (departing.remove(a) != null) {
        // Gone and back within the grace period (a short partition merged at once): it neither
        // failed nor joined as far as the listeners are concerned.
        continue;
      }
      Member m = memberOf(a);
      counters.increment(ClusterMetric.PEERS_JOINED);
      if (first && !a.equals(self.get())) {
        logWhenNamed(a, 0, "Member {} was in the cluster already");
      }
      // The first view lists the whole cluster as new: only this peer's own name can be new there.
      if (nameCounts.get(nameOf(a)) > 1 && (!first || a.equals(self.get()))) {
        counters.increment(ClusterMetric.NAME_CONFLICTS);
        log.warn("Member {} joined with the name of another member; both are kept and ordered "
            + "by their JGroups address. Give each replica its own nodeName.", PeerLog.member(m));
      }
      boolean back = reconnected(a, m);
      failedSetChanged |= back;
      if (!a.equals(self.get())) {
        if (!first && !back) {
          logWhenNamed(a, 0, "Member {} joined ({} members)", newView.size());
        }
        notify(l -> l.joined(m));
      }
    }
    for (Address gone : before) {
      if (!newView.containsMember(gone) && !departed.contains(gone)) {
        Member m = lastKnown(gone);
        if (goodbyes.remove(gone)) {
          left(gone, m);
        } else {
          departing.put(gone, m);
          try {
            scheduler.schedule(() -> classify(gone), graceMillis, TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.RejectedExecutionException e) {
            departing.remove(gone); // this peer is leaving; nothing left to track
          }
        }
      }
    }
    if (failedSetChanged) {
      failedChanged.accept(false);
    }
  }

  /**
   * Records that {@code sender} said goodbye: it is leaving, not failing.
   *
   * @param sender the leaving member's address
   */
  synchronized void goodbye(Address sender) {
    Member m = departing.remove(sender);
    if (m != null) {
      left(sender, m);
      return;
    }
    FailedPeer f = failed.remove(sender);
    if (f != null) {
      log.info("Late goodbye from {}: it left rather than failed; no longer retrying it",
          PeerLog.member(f.member()));
      departed.add(sender);
      counters.increment(ClusterMetric.PEERS_LEFT); // its departure was counted when it failed
      notify(l -> l.left(f.member()));
      failedChanged.accept(false);
      return;
    }
    // Usually a member of the current view. But a peer that leaves right after joining may have
    // said goodbye before this peer applied the view that added it (the goodbye travels OOB, the
    // view on another thread): remembered too, so that the view without it counts a leave.
    goodbyes.add(sender);
    if (goodbyes.size() > DEPARTED_REMEMBERED) {
      goodbyes.remove(goodbyes.iterator().next());
    }
  }

  private synchronized void classify(Address gone) {
    Member m = departing.remove(gone);
    if (m == null) {
      return; // a goodbye arrived in time
    }
    counters.increment(ClusterMetric.PEERS_FAILED);
    counters.increment(ClusterMetric.PEERS_LEFT_OR_FAILED);
    InetSocketAddress addr = socketAddress(gone);
    Member successor = successorAt(addr, gone);
    if (successor != null) {
      // A process killed and restarted at once joins before failure detection removes its old
      // incarnation: nothing is left to retry at that address, so it is not a failed peer (which
      // would stay in failed_peers until reconnectTimeout, 6 h by default).
      counters.increment(ClusterMetric.RECONNECTIONS);
      log.info("Member {} failed (left the view without saying goodbye); new member {} already "
          + "joined at its address (restarted with a new name)", PeerLog.member(m),
          PeerLog.member(successor));
      notify(l -> l.failed(m));
      return;
    }
    failed.put(gone, new FailedPeer(m, addr, System.nanoTime()));
    log.info("Member {} failed (left the view without saying goodbye)", PeerLog.member(m));
    notify(l -> l.failed(m));
    failedChanged.accept(false);
  }

  /** @return a current member other than {@code gone} at {@code addr}, or null */
  private Member successorAt(InetSocketAddress addr, Address gone) {
    if (addr == null || view == null) {
      return null;
    }
    for (Address a : view.getMembers()) {
      if (!a.equals(gone) && addr.equals(socketAddress(a))) {
        return memberOf(a);
      }
    }
    return null;
  }

  private void left(Address a, Member m) {
    departed.add(a);
    if (departed.size() > DEPARTED_REMEMBERED) {
      departed.remove(departed.iterator().next());
    }
    counters.increment(ClusterMetric.PEERS_LEFT);
    counters.increment(ClusterMetric.PEERS_LEFT_OR_FAILED);
    log.info("Member {} left", PeerLog.member(m));
    notify(l -> l.left(m));
  }

  private boolean reconnected(Address a, Member m) {
    InetSocketAddress addr = socketAddress(a);
    boolean found = false;
    List<String> replaced = new ArrayList<>(); // failed members whose address a new identity took
    for (var it = failed.values().iterator(); it.hasNext(); ) {
      FailedPeer f = it.next();
      boolean sameName = f.member().name().equals(m.name());
      if (sameName || (addr != null && addr.equals(f.address()))) {
        it.remove();
        found = true;
        if (!sameName) {
          replaced.add(f.member().name());
        }
      }
    }
    if (found) {
      counters.increment(ClusterMetric.RECONNECTIONS);
      if (replaced.isEmpty()) {
        log.info("Failed member {} is back", PeerLog.member(m));
      } else {
        // e.g. a replica killed and restarted with a generated name: not the failed one coming back
        log.info("New member {} joined at the address of failed member {} (restarted with a new name)",
            PeerLog.member(m), String.join(", ", replaced));
      }
    }
    return found;
  }

  /** How often, and how many times, a line about a member whose name is not known yet waits for it. */
  static final long NAME_WAIT_STEP_MS = 100;
  static final int NAME_WAIT_STEPS = 30;

  /**
   * Logs a line about member {@code a} (the first placeholder) once its name is known (a joiner
   * admitted before discovery brought it, see {@link #resolveLate}; its UUID matches nothing in
   * {@code amtool cluster show}), or after the wait above. Only the line waits: listeners are told
   * at once, in view order.
   */
  private void logWhenNamed(Address a, int step, String format, Object... rest) {
    if (NameCache.get(a) == null && step < NAME_WAIT_STEPS) {
      try {
        scheduler.schedule(() -> logWhenNamed(a, step + 1, format, rest), NAME_WAIT_STEP_MS,
            TimeUnit.MILLISECONDS);
        return;
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // shutting down: log what is known now
      }
    }
    Object[] args = new Object[rest.length + 1];
    args[0] = PeerLog.member(memberOf(a));
    System.arraycopy(rest, 0, args, 1, rest.length);
    log.info(format, args);
  }

  /**
   * Drops failed peers that have been retried for {@code reconnectTimeout}.
   *
   * @param reconnectTimeout how long a failed peer is retried
   */
  synchronized void forgetExpired(Duration reconnectTimeout) {
    long now = System.nanoTime();
    boolean removed = failed.values().removeIf(f -> {
      boolean expired = now - f.sinceNanos() >= reconnectTimeout.toNanos();
      if (expired) {
        log.info("Forgetting failed member {}: not back within reconnectTimeout ({})",
            PeerLog.member(f.member()), reconnectTimeout);
      }
      return expired;
    });
    if (removed) {
      failedChanged.accept(true);
    }
  }

  /** @return the failed peers being retried */
  synchronized List<FailedPeer> failedPeers() {
    return List.copyOf(failed.values());
  }

  /** @return the addresses of failed peers, for discovery */
  synchronized List<InetSocketAddress> failedAddresses() {
    return failed.values().stream().map(FailedPeer::address).filter(a -> a != null).toList();
  }

  /** @return the current view, or null before the first */
  synchronized View view() {
    return view;
  }

  /** @return the sorted members, this one included */
  List<Member> members() {
    resolveLate();
    return members;
  }

  /** @return this member's index in {@link #members()} */
  int position() {
    resolveLate();
    return position;
  }

  /**
   * A member's name and address may be unknown when the view that adds it is installed: the
   * coordinator admits a joiner on its JOIN request, which carries neither, and learns them from
   * discovery a moment later (a replica restarted at its old address was listed by its JGroups
   * UUID, with no address, until the next view). Looked up again while any is missing, and the
   * order (by name) with it, so that every member computes the same positions.
   */
  private void resolveLate() {
    if (unresolved) {
      synchronized (this) {
        if (unresolved) {
          List<Entry> entries = new ArrayList<>(sorted.size());
          sorted.forEach(e -> entries.add(entry(e.address())));
          entries.sort(ORDER);
          sorted = entries;
          refreshMembers();
        }
      }
    }
  }

  /** @return the other members of the current view, in view order */
  synchronized List<Address> others() {
    if (view == null) {
      return List.of();
    }
    return view.getMembers().stream().filter(a -> !a.equals(self.get())).toList();
  }

  private void refreshMembers() {
    List<Member> list = new ArrayList<>(sorted.size());
    int pos = 0;
    boolean missing = false;
    for (int i = 0; i < sorted.size(); i++) {
      Entry e = sorted.get(i);
      Member m = new Member(e.name(), addressText(e.address()));
      list.add(m);
      missing |= !e.named() || m.address().isEmpty();
      if (e.address().equals(self.get())) {
        pos = i;
      }
    }
    members = List.copyOf(list);
    position = pos;
    unresolved = missing;
  }

  private static Entry entry(Address a) {
    String name = NameCache.get(a);
    return new Entry(a, name != null ? name : String.valueOf(a), name != null);
  }

  /**
   * The Member of a JGroups address, also of one that just left the view.
   *
   * @param a the address
   * @return its name and advertised address
   */
  Member member(Address a) {
    return memberOf(a);
  }

  private Member memberOf(Address a) {
    return new Member(nameOf(a), addressText(a));
  }

  private Member lastKnown(Address a) {
    // Still resolvable: JGroups keeps the logical and physical address of recent members.
    return memberOf(a);
  }

  private String addressText(Address a) {
    InetSocketAddress s = socketAddress(a);
    return s == null ? "" : HostPort.format(s);
  }

  private InetSocketAddress socketAddress(Address a) {
    PhysicalAddress p = physical.apply(a);
    if (p instanceof IpAddress ip && ip.getIpAddress() != null) {
      return new InetSocketAddress(ip.getIpAddress(), ip.getPort());
    }
    return null;
  }

  private static String nameOf(Address a) {
    String name = NameCache.get(a);
    return name != null ? name : String.valueOf(a);
  }

  private void notify(Consumer<MembershipListener> event) {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      notifier.execute(() -> {
        for (MembershipListener l : listeners) {
          try {
            event.accept(l);
          } catch (RuntimeException e) {
            log.warn("Membership listener {} threw; ignored", l, e);
          }
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("Peer is shutting down; membership event not delivered");
    }
  }

  /** @return every member's address and name, for logs */
  synchronized Collection<String> describe() {
    return sorted.stream().map(e -> e.name() + "=" + addressText(e.address())).toList();
  }
}
