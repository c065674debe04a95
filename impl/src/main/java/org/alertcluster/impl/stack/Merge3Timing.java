package org.alertcluster.impl.stack;

import org.alertcluster.api.ClusterConfig;

/**
 * The cadence of JGroups MERGE3, which finds subgroups (a healed partition, a peer resumed after a
 * pause, peers that started together and formed clusters of one) and asks GMS to merge them.
 *
 * <p>MERGE3 has every member send its view id to every discovered member at a random interval
 * between {@code min_interval} and {@code max_interval}; each coordinator looks every
 * {@code check_interval} at the view ids it collected and starts a merge if they differ. The time
 * from "links are back" to a merge view is therefore at most about {@code max_interval +
 * check_interval} plus one merge round (milliseconds on a LAN). JGroups' defaults tied to our old
 * mapping ({@code max_interval = reconnectInterval = 10 s}, {@code check_interval = 1.6 ×
 * max_interval = 16 s}) were the 10–16 s measured for formation and healing.
 *
 * <p>Formula: {@code max_interval = 0.3 × min(probeInterval, reconnectInterval)} (at least 20 ms),
 * {@code min_interval = max_interval / 4}, {@code check_interval = 4/3 × max_interval}. With the
 * defaults (probe interval 1 s) that is 75–300 ms between info rounds and a check every 400 ms:
 * worst case about 0.7 s plus the merge round. Cost: per round each member sends one discovery
 * request and one small info message to every known address, about 5 rounds a second, which on a
 * LAN is negligible next to the heartbeats; raise {@code probeInterval} to make it rarer.
 *
 * @param minInterval MERGE3 {@code min_interval}, ms
 * @param maxInterval MERGE3 {@code max_interval}, ms
 * @param checkInterval MERGE3 {@code check_interval}, ms (greater than {@code maxInterval}, as
 *     MERGE3 requires)
 */
record Merge3Timing(long minInterval, long maxInterval, long checkInterval) {

  /** The shortest {@code max_interval}: below that, info rounds would only add traffic. */
  static final long FLOOR_MS = 20;

  /**
   * The timing for a configuration.
   *
   * @param config the configuration
   * @return the MERGE3 intervals
   */
  static Merge3Timing of(ClusterConfig config) {
    long base = Math.min(config.probeInterval().toMillis(), config.reconnectInterval().toMillis());
    long max = Math.max(FLOOR_MS, base * 3 / 10);
    return new Merge3Timing(Math.max(1, max / 4), max, max * 4 / 3 + 1);
  }
}
