package org.alertcluster.impl.discovery;

import java.time.Duration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.PhysicalAddress;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.Message;
import org.jgroups.protocols.PingData;
import org.jgroups.protocols.PingHeader;
import org.jgroups.protocols.TCPPING;
import org.jgroups.util.Responses;

/**
 * JGroups' {@code TCPPING}, whose join discovery ends as soon as every known peer has been heard
 * from, instead of always waiting GMS {@code join_timeout}.
 *
 * <p>Why: a joining member's discovery ({@code FIND_INITIAL_MBRS}) ends early only when a
 * <em>coordinator</em> answers. When no cluster exists yet (the first member, or members started
 * together, which all answer as clients) it waited the whole {@code join_timeout} (2 s) although
 * every known peer had answered within milliseconds; a later round (after the lowest-addressed
 * client made itself coordinator) could wait twice that, because JGroups' join loop also waits on
 * the first round's unfinished responses. Here a join round is complete once every host in
 * {@code initial_hosts} other than this member has answered or sent its own join discovery request
 * (JGroups counts both as a response; a member's merge-detection probe does not count, see
 * {@link #handle}). A round that begins marks the previous, superseded, rounds complete.
 * The rest is JGroups' own join logic: a coordinator's answer still ends the round at once, clients
 * that all answered elect the lowest address as coordinator and the others join it a retry later
 * ({@code GMS.all_clients_retry_timeout}), and hosts that neither answer nor ask (down, unreachable,
 * or listed under an address they do not advertise) still cost at most {@code join_timeout}.
 * While a round waits, its discovery requests are sent again every {@code resendInterval}: they
 * are not retransmitted, and one lost on a connection that two starting members opened to each
 * other at the same moment (JGroups keeps one and closes the other) otherwise cost a whole
 * {@code join_timeout}. The first request goes out on the joining thread, as with plain TCPPING
 * (JGroups' own {@code num_discovery_runs} would move it to the timer, which a busy host may run
 * late, after a short {@code join_timeout} has passed).
 *
 * <p>Only the join discovery is affected; MERGE3's discovery rounds are unchanged.
 *
 * <p>Created through {@link Discovery#joinPing}. Public only because the stack package ({@code
 * StackBuilder}) still constructs it by name; once it calls {@link Discovery#joinPing} this class
 * becomes package-private (JGroups does not need a protocol class created in code to be public:
 * {@code PackagePrivateProtocolTest} runs a real channel with package-private protocols).
 * It is <b>not API</b>: the bundle exports no impl package, and {@code PublicSurfaceTest} keeps the list
 * of impl's public types with the reason for each.
 */
public final class KnownPeersPing extends TCPPING {

  /** Join rounds still open, and the known hosts each has not heard from yet. Guarded by itself. */
  private final Map<Responses, Set<PhysicalAddress>> open = new IdentityHashMap<>();
  private final long resendIntervalMs;

  /**
   * Takes TCPPING's protocol id: JGroups finds a protocol's headers by that id, and a subclass
   * would otherwise have none, so no discovery request or response would be understood.
   *
   * @param resendInterval how often an open join round sends its requests again
   */
  public KnownPeersPing(Duration resendInterval) {
    setId(ClassConfigurator.getProtocolId(TCPPING.class));
    this.resendIntervalMs = Math.max(1, resendInterval.toMillis());
  }

  @Override
  public void findMembers(List<Address> members, boolean initialDiscovery, Responses responses) {
    boolean resend = false;
    if (initialDiscovery) {
      // Registered before the requests go out, so that no answer is missed. Re-sends go to TCPPING
      // directly; JGroups' join loop marks every round done when it ends, which stops them.
      synchronized (open) {
        if (!responses.isDone() && !open.containsKey(responses)) {
          supersede();
          Set<PhysicalAddress> waiting = new HashSet<>(initial_hosts);
          PhysicalAddress self = (PhysicalAddress) down(new Event(Event.GET_PHYSICAL_ADDRESS, local_addr));
          waiting.remove(self);
          if (waiting.isEmpty()) {
            finish(responses); // nobody to wait for: a cluster of one at once
          } else {
            open.put(responses, waiting);
            resend = true;
          }
        }
      }
    }
    super.findMembers(members, initialDiscovery, responses);
    if (resend) {
      scheduleResend(members, responses);
    }
  }

  private void scheduleResend(List<Address> members, Responses responses) {
    AtomicReference<Future<?>> task = new AtomicReference<>();
    Runnable again = () -> {
      if (responses.isDone() || !isOpen(responses)) {
        Future<?> f = task.get();
        if (f != null) {
          f.cancel(false);
        }
        return;
      }
      super.findMembers(members, true, responses);
    };
    task.set(timer.scheduleWithFixedDelay(again, resendIntervalMs, resendIntervalMs,
        TimeUnit.MILLISECONDS, false));
    if (responses.isDone()) {
      task.get().cancel(false);
    }
  }

  private boolean isOpen(Responses responses) {
    synchronized (open) {
      return open.containsKey(responses);
    }
  }

  /**
   * Counts a known host as heard when it answered, or when it is joining too (its own join
   * discovery request: it is a client, as its data says). Not on the discovery requests that
   * members' merge detection sends (MERGE3 probes every known address, a restarted peer's
   * included): their data never says whether the sender is the coordinator, and a round ended on
   * them found "only clients" and made the newcomer a cluster of its own, merged half a second
   * later.
   */
  @Override
  protected Object handle(PingHeader hdr, Message msg) {
    Object result = super.handle(hdr, msg);
    boolean counts = hdr.type() == PingHeader.GET_MBRS_RSP
        || (hdr.type() == PingHeader.GET_MBRS_REQ && hdr.initialDiscovery());
    if (counts && msg.getArray() != null) {
      synchronized (open) {
        if (!open.isEmpty()) {
          List<PingData> data = readPingData(msg.getArray(), msg.getOffset(), msg.getLength());
          if (data != null) {
            data.forEach(d -> heard(d.getPhysicalAddr()));
          }
        }
      }
    }
    return result;
  }

  /** Guarded by {@code open}. */
  private void heard(PhysicalAddress from) {
    if (from == null) {
      return;
    }
    for (Iterator<Map.Entry<Responses, Set<PhysicalAddress>>> it = open.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Responses, Set<PhysicalAddress>> e = it.next();
      Responses round = e.getKey(); // read before remove: IdentityHashMap entries die with it
      if (round.isDone()) {
        it.remove();
      } else if (e.getValue().remove(from) && e.getValue().isEmpty()) {
        it.remove();
        finish(round);
      }
    }
  }

  @Override
  public void stop() {
    synchronized (open) {
      supersede();
    }
    super.stop();
  }

  /** JGroups' join loop runs one round at a time: an older round still open is over. */
  private void supersede() {
    open.keySet().forEach(Responses::done);
    open.clear();
  }

  private void finish(Responses responses) {
    log.trace("%s: every known peer answered; join discovery done: %s", local_addr, responses);
    responses.done();
  }
}
