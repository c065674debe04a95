package org.alertcluster.impl.util;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;

/**
 * Request/response correlation for the peer's three conversations: the push-pull exchange (a
 * request to one member, one reply), the goodbye (a multicast, an acknowledgement from every other
 * member) and the acknowledged broadcast (a multicast update, an answer from every other member
 * saying whether its State merged it; {@code sync.AckedBroadcasts} keeps that flag in its
 * context). A request has an id, carried in the messages, and the members that still owe an
 * answer; its future completes with {@code true} once all of them answered and with {@code false}
 * when it is failed (timeout, send error, shutdown).
 *
 * <p>Why not JGroups' {@code MessageDispatcher}/{@code RequestCorrelator}: a dispatcher installs
 * itself as the channel's up handler and marshals requests and responses its own way, so it would
 * either take over the receive path that the protobuf envelope already routes or need a {@code FORK}
 * channel in the stack, and its {@code castMessage} blocks a thread per request; every conversation
 * is a single round trip. This one class replaces the three hand-rolled correlations the exchange,
 * the goodbye and the acknowledged broadcast had.
 *
 * <p>Timeouts are the caller's: the exchange and the acknowledged broadcast schedule them on the
 * peer's scheduler, the goodbye waits with a deadline on the leaving thread (the scheduler is
 * stopped by then). Thread-safe.
 *
 * <p>Public only because {@code membership} (goodbye) and {@code sync} (push-pull, acknowledged
 * broadcasts) correlate through it; <b>not API</b>: the bundle exports no impl package, and {@code
 * PublicSurfaceTest} keeps the list of impl's public types with the reason for each.
 *
 * @param <C> what the caller keeps with a request (for its log and counters)
 */
public final class Correlator<C> {

  /**
   * An open request.
   *
   * @param id the id to put into the request message; answers carry it back
   * @param context the caller's data
   * @param answered completes with true once every member answered, false if failed
   * @param <C> the caller's data type
   */
  public record Request<C>(long id, C context, CompletableFuture<Boolean> answered) {}

  private record Entry<C>(Request<C> request, Set<Address> awaiting) {}

  // A random start, so that the ids of a restarted peer do not match answers meant for its former
  // incarnation (both sides also check the member's address).
  private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  private final Map<Long, Entry<C>> open = new ConcurrentHashMap<>();

  /**
   * Opens a request.
   *
   * @param context the caller's data
   * @param from the members that owe an answer; none completes the request at once
   * @return the request
   */
  public Request<C> open(C context, Collection<Address> from) {
    Request<C> r = new Request<>(ids.incrementAndGet(), context, new CompletableFuture<>());
    if (from.isEmpty()) {
      r.answered().complete(true);
      return r;
    }
    open.put(r.id(), new Entry<>(r, new HashSet<>(from)));
    return r;
  }

  /**
   * Records an answer. The request is not completed here: the caller completes
   * {@link Request#answered()} once it has handled the answer (the exchange merges the reply first,
   * so that a completed exchange means the state is in).
   *
   * @param id the id the answer carries
   * @param member who answered
   * @return the request if this was the last answer it waited for; empty if it still waits, or
   *     if the id is unknown (late, failed or from a former incarnation)
   */
  public Optional<Request<C>> answer(long id, Address member) {
    Entry<C> e = open.get(id);
    if (e == null) {
      return Optional.empty();
    }
    synchronized (e) {
      if (!e.awaiting().remove(member) || !e.awaiting().isEmpty()) {
        return Optional.empty();
      }
    }
    return open.remove(id, e) ? Optional.of(e.request()) : Optional.empty();
  }

  /**
   * @param id a request id
   * @return the caller's data of that request; empty if it is not open (any more)
   */
  public Optional<C> context(long id) {
    Entry<C> e = open.get(id);
    return e == null ? Optional.empty() : Optional.of(e.request().context());
  }

  /**
   * Ends a request without its answers and completes it with false.
   *
   * @param id the request id
   * @return the request if it was still open
   */
  public Optional<Request<C>> fail(long id) {
    Entry<C> e = open.remove(id);
    if (e == null) {
      return Optional.empty();
    }
    e.request().answered().complete(false);
    return Optional.of(e.request());
  }

  /**
   * Members outside the view will not answer: they are struck off every request, and a request
   * that then waits for nobody completes with true (everyone still there answered).
   *
   * @param members the current view's members
   */
  public void retainMembers(Collection<Address> members) {
    for (Entry<C> e : List.copyOf(open.values())) {
      boolean done;
      synchronized (e) {
        done = e.awaiting().retainAll(members) && e.awaiting().isEmpty();
      }
      if (done && open.remove(e.request().id(), e)) {
        e.request().answered().complete(true);
      }
    }
  }

  /**
   * @param id a request id
   * @return the members it still waits for; empty if it is not open
   */
  public Set<Address> awaiting(long id) {
    Entry<C> e = open.get(id);
    if (e == null) {
      return Set.of();
    }
    synchronized (e) {
      return Set.copyOf(e.awaiting());
    }
  }

  /** Fails every open request (the peer is leaving). */
  public void failAll() {
    for (Long id : List.copyOf(open.keySet())) {
      fail(id);
    }
  }
}
