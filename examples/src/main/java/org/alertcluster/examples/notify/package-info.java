/**
 * Alertmanager's notification pipeline: alert store, dispatcher, aggregation groups, settle and
 * position waits, dedup against the replicated notification log, retries.
 *
 * <h2>The alert lifecycle, and which of Alertmanager's rules are reproduced</h2>
 *
 * <p>Clients (Prometheus) send every alert to every replica and re-send it while it fires, every
 * {@code --rules.alert.resend-delay}, each time with {@code endsAt} moved forward (4 × the resend delay
 * or the evaluation interval). The rules below keep such an alert one firing alert on every replica,
 * notified once across the cluster, and resolved once when the re-sends stop.
 *
 * <ol>
 *   <li><b>Input</b> (Alertmanager's {@code api/v2} {@code postAlertsHandler}), in
 *       {@code api.AlertsEndpoint}: {@code updatedAt} = the time of receipt; a missing, empty or Go
 *       zero ({@code 0001-01-01T00:00:00Z}, what amtool sends) {@code startsAt} becomes now (or the
 *       {@code endsAt}, if that is already past); such an {@code endsAt} becomes
 *       {@code now + resolve_timeout} and the alert is marked {@code timeout}.</li>
 *   <li><b>Store</b> ({@code provider/mem.Alerts.Put}), {@link org.alertcluster.examples.notify.AlertStore}:
 *       one alert per label fingerprint. A received alert whose activity range overlaps the held
 *       one's is merged into it; otherwise it replaces it (a new occurrence).</li>
 *   <li><b>Merge</b> ({@code types.Alert.Merge}), {@link org.alertcluster.examples.model.Alert#mergedWith}:
 *       the instance with the later {@code updatedAt} gives labels, annotations and URL; the earliest
 *       {@code startsAt} is kept; while the newer instance fires, the later {@code endsAt} wins unless
 *       it came from {@code resolve_timeout} — so a re-send extends the alert and never resolves it;
 *       a resolved newer instance (an explicit resolve) sets {@code endsAt}, the later one if both are
 *       resolved.</li>
 *   <li><b>Resolution</b>: an alert is resolved when {@code endsAt} is not after now. Nothing
 *       resolves it but time passing without a re-send, or an explicit past {@code endsAt}.</li>
 *   <li><b>Flush</b> ({@code dispatch.aggrGroup.flush}), {@link org.alertcluster.examples.notify.Dispatcher}:
 *       after {@code group_wait} (at once for an alert that started more than {@code group_wait} ago),
 *       then every {@code group_interval}; after a completed flush the alerts it found resolved are
 *       dropped from the group unless they were updated meanwhile ({@code DeleteIfNotModified}); an
 *       empty group is removed.</li>
 *   <li><b>Dedup</b> ({@code notify.DedupStage.needsUpdate}), {@link org.alertcluster.examples.notify.DedupDecision}:
 *       a group's state is its set of firing and its set of resolved fingerprints, compared with the
 *       sets recorded in the notification log entry of (group key, receiver integration): notify if
 *       there is no entry and something fires; if a firing fingerprint is not in the entry's firing
 *       set (a first notification again if the entry's firing set is empty); if nothing fires but the
 *       entry's firing set is not empty (all resolved: sent even without {@code send_resolved}, so the
 *       log forgets the firing set; alerts that fired and resolved between two flushes are never
 *       reported); with {@code send_resolved} (the webhook default) if a resolved fingerprint is not in
 *       the entry's resolved set; or when {@code repeat_interval} has passed since the entry.</li>
 *   <li><b>Log</b> ({@code notify.SetNotifiesStage}, {@code nflog.Log}): each successful notification
 *       records the firing and resolved fingerprints, replicated to every replica, kept for
 *       {@code 2 × repeat_interval}.</li>
 *   <li><b>Cluster</b> ({@code ClusterGossipSettleStage}, {@code ClusterWaitStage}),
 *       {@link org.alertcluster.examples.notify.ClusterGate}: wait until the peer is ready, then
 *       {@code position × peer_timeout}, so that the replica at position 0 notifies and the others
 *       find its log entry.</li>
 *   <li><b>Webhook</b>: a firing alert is sent with {@code endsAt} = Go's zero time, a resolved one with
 *       its {@code endsAt}; {@code send_resolved} defaults to true.</li>
 * </ol>
 *
 * <h2>Where this differs from Alertmanager, deliberately</h2>
 *
 * <ul>
 *   <li>Alertmanager reads a group's alerts when the flush starts, before the position wait, and freezes
 *       the firing ones (their {@code endsAt} is zeroed) so they cannot resolve during the wait. Here the
 *       alerts that take part are fixed at the tick too, but their versions are read again after the
 *       position wait, and firing or resolved is judged once, as of the tick, for the dedup decision,
 *       the notification and the log entry. A replica behind position 0 thus sees the re-sends that
 *       arrived while it waited, and a replica that waits longer than the alerts' {@code endsAt}
 *       horizon cannot report a resolve that did not happen (position 2 waits 2 × {@code peer_timeout}
 *       = 30 s by default, longer than the 8 s horizon of a Prometheus with a 2 s resend delay: that
 *       is where a replica used to notify "all resolved" while the alert fired, and then "firing"
 *       again).</li>
 *   <li>If an alert of the tick resolved, or was silenced, unsilenced or inhibited, <em>during</em>
 *       the wait, a replica behind position 0 sends
 *       nothing at that tick and judges the group again at the next one: position 0 had less than
 *       the full wait as head start on that resolve. Alertmanager sends "firing" again there, having
 *       found the resolve already logged. Alerts that arrive during the wait are left to the next
 *       tick for the same reason. Ticks are at a fixed rate from the group's first flush (as
 *       Alertmanager resets its timer before flushing), so a replica's wait does not make it drift
 *       out of step with position 0.</li>
 *   <li>A missing {@code startsAt} with a future {@code endsAt} becomes now, not the {@code endsAt}.</li>
 * </ul>
 */
package org.alertcluster.examples.notify;
