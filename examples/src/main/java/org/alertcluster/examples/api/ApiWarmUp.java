package org.alertcluster.examples.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Channel;
import org.alertcluster.examples.silence.Silence;
import org.alertcluster.examples.silence.Silences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the silence write and read path (and the listing of all silences) a few times on scratch
 * objects, on a background thread started before the replica joins its cluster, so that the first
 * silences a client posts, and a restarted replica's catch-up merges, do not pay for loading and
 * linking the classes of that path.
 *
 * <p>Why: the benchmark's slowest "silence visible on the last replica" samples (20–90 ms, against
 * a median of 4 ms) were the first ones after the replicas started. JFR showed the replica reading
 * the JSON codec's, protobuf's and our own classes from their jars during those requests (the CDS archive
 * holds only what the first start loaded). Nothing here touches the replica's state, the cluster or the API's metrics:
 * the silences live in a {@link Silences} of their own, with no channel.
 */
public final class ApiWarmUp {

  private static final Logger LOG = LoggerFactory.getLogger(ApiWarmUp.class);
  /**
   * Enough to load and link every class of the path, which is what the first requests paid for:
   * measured on a fresh replica, 30 rounds gave the same first POSTs as 300 (4–6 ms against
   * 217–252 ms without) for 7.5 MB more resident memory at idle instead of 9.4 MB (the classes the
   * first silence would load anyway).
   */
  static final int ROUNDS = 30;

  private ApiWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread.
   *
   * @param clock the replica's clock
   * @return the thread (already started)
   */
  public static Thread start(Clock clock) {
    Thread t = new Thread(() -> run(clock, ROUNDS), "api-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  /**
   * Posts {@code rounds} silences into one scratch set, whose deltas are merged into a second one
   * as a peer would merge them, reads each back and renders it as the API does, then lists the
   * second set as {@code GET /api/v2/silences} does (with two filters and without).
   *
   * @param clock the clock
   * @param rounds how many silences
   * @return how many silences the unfiltered listing of the second set rendered at the end (all of
   *     them, unless a step failed)
   */
  static int run(Clock clock, int rounds) {
    long t0 = System.nanoTime();
    Silences local = new Silences(clock, Duration.ofHours(1));
    Silences remote = new Silences(clock, Duration.ofHours(1));
    int listedAll = 0;
    // Deltas go to the second set the way the cluster hands them to a peer's State.
    local.setChannel(new Channel() {
      @Override
      public String key() {
        return Silences.KEY;
      }

      @Override
      public void broadcast(byte[] data) {
        remote.merge(data);
      }

      @Override
      public CompletionStage<BroadcastAck> broadcastAcknowledged(byte[] data, Duration timeout) {
        remote.merge(data);
        return CompletableFuture.completedFuture(new BroadcastAck(Set.of(), Set.of()));
      }
    });
    try {
      for (int i = 0; i < rounds; i++) {
        Instant now = clock.instant();
        byte[] body = ("{\"matchers\":[{\"name\":\"job\",\"value\":\"warm-up\",\"isRegex\":false,\"isEqual\":true},"
            + "{\"name\":\"instance\",\"value\":\"host-" + i + ".*\",\"isRegex\":true,\"isEqual\":true}],"
            + "\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plus(Duration.ofHours(1))
            + "\",\"createdBy\":\"warm-up\",\"comment\":\"warm-up " + i + "\"}").getBytes(StandardCharsets.UTF_8);
        Silence s = SilenceJson.decode(Json.read(body), now);
        String id = local.set(s);
        Json.write(SilenceJson.posted(id));
        remote.find(id).ifPresent(found -> Json.write(SilenceJson.encode(found, now)));
      }
      // The listing (GET /api/v2/silences, amtool silence query): a restarted replica's first one
      // took 66-240 ms cold for 550 silences (filtering and sorting lambdas linked, the list
      // rendered) where a warm one takes a few; run it as the API does, with and without a filter.
      Instant now = clock.instant();
      for (List<String> filter : List.of(List.of("job=warm-up"), List.of("instance=~host-1.*"), List.<String>of())) {
        List<Map<String, Object>> listed = SilencesEndpoint.listing(remote.list(), FilterParser.parse(filter), now);
        Json.write(listed);
        listedAll = listed.size();
      }
    } catch (RuntimeException e) {
      // Only a warm-up: the API works without it.
      LOG.debug("API warm-up stopped early: {}", e.toString());
    }
    LOG.debug("API warm-up: {} silences in {} ms", listedAll, (System.nanoTime() - t0) / 1_000_000);
    return listedAll;
  }
}
