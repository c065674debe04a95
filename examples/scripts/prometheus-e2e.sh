#!/usr/bin/env bash
# A real Prometheus against three Alertmanager-shaped replicas: counts the notifications per alert
# group at one webhook while Prometheus re-sends its firing alerts to every replica, then after the
# alerts resolve. Passes (exit 0) only with exactly one firing and exactly one resolved notification
# per group; with amtool on PATH, also checks that `amtool alert add` (zero start and end times) is
# listed by `amtool alert query` on every replica and notified once.
#
#   examples/scripts/prometheus-e2e.sh                 # three alertcluster replicas (the node jar)
#   examples/scripts/prometheus-e2e.sh --alertmanager  # three Alertmanagers, for comparison
#
# Needs: prometheus (Debian's package: 2.42), curl and a JDK; prometheus-alertmanager for --alertmanager.
# Exit 0 pass, 1 fail, 77 when prometheus is not installed (skipped).
#
# Environment (defaults in brackets):
#   FIRING_SECONDS [40]   how long the rules stay true, counted from Prometheus' start
#   PEER_TIMEOUT   [15s]  --cluster.peer-timeout of the replicas (Alertmanager's default)
#   REPLICA_CMD    [java -Dalertcluster-ci-fork=true -jar examples/target/alertcluster-node.jar]
#                         how to start one replica; the Alertmanager flags are appended
#   WORK_DIR       [a new temporary directory]  configs, data, logs (kept for inspection)
#
# Everything binds 127.0.0.1 on ports that were just free; every process started is killed by PID
# on exit, also on failure or Ctrl-C.
set -euo pipefail

MODE=alertcluster
if [[ "${1:-}" == "--alertmanager" ]]; then
  MODE=alertmanager
elif [[ -n "${1:-}" ]]; then
  echo "usage: $0 [--alertmanager]" >&2
  exit 2
fi

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
FIRING_SECONDS="${FIRING_SECONDS:-40}"
PEER_TIMEOUT="${PEER_TIMEOUT:-15s}"
RESEND_DELAY=2s   # --rules.alert.resend-delay: endsAt = now + 4 x 2 s on every re-send
ALERT_GROUPS=(E2eAlwaysFiringA E2eAlwaysFiringB)

if ! command -v prometheus >/dev/null 2>&1; then
  echo "SKIP: prometheus is not on PATH (Debian: apt-get install prometheus)"
  exit 77
fi
if ! command -v curl >/dev/null 2>&1; then
  echo "SKIP: curl is not on PATH (Debian: apt-get install curl); the script polls the HTTP APIs with it"
  exit 77
fi
if [[ "$MODE" == alertmanager ]]; then
  if ! command -v prometheus-alertmanager >/dev/null 2>&1; then
    echo "SKIP: prometheus-alertmanager is not on PATH (Debian: apt-get install prometheus-alertmanager)"
    exit 77
  fi
  REPLICA_CMD=(prometheus-alertmanager)
elif [[ -n "${REPLICA_CMD:-}" ]]; then
  read -r -a REPLICA_CMD <<< "$REPLICA_CMD"
else
  JAR="$REPO/examples/target/alertcluster-node.jar"
  if [[ ! -f "$JAR" ]]; then
    echo "FAIL: $JAR is missing; build it with: mvn -B -q -DskipTests -pl examples -am package" >&2
    exit 1
  fi
  REPLICA_CMD=(java -Dalertcluster-ci-fork=true -jar "$JAR")
fi

WORK_DIR="${WORK_DIR:-$(mktemp -d -t prometheus-e2e.XXXXXX)}"
mkdir -p "$WORK_DIR"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%5.1fs] %s\n' "$(( $(date +%s%N) / 1000000 - START_MS ))e-3" "$*"; }
START_MS=$(( $(date +%s%N) / 1000000 ))

# Waits (bounded) until a command succeeds: wait_for SECONDS DESCRIPTION COMMAND...
wait_for() {
  local limit=$1 what=$2
  shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    if (( $(date +%s) >= deadline )); then
      log "FAIL: timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}

# --- ports, webhook sink --------------------------------------------------------------------------
mapfile -t PORTS < <(java "$HERE/E2eHelper.java" ports 7)
WEB=("${PORTS[0]}" "${PORTS[1]}" "${PORTS[2]}")
CLUSTER=("${PORTS[3]}" "${PORTS[4]}" "${PORTS[5]}")
PROM_PORT="${PORTS[6]}"
NOTIFICATIONS="$WORK_DIR/notifications.log"
: > "$NOTIFICATIONS"
java "$HERE/E2eHelper.java" sink "$WORK_DIR/sink.port" "$NOTIFICATIONS" > "$WORK_DIR/sink.out" 2>&1 &
PIDS+=($!)
wait_for 30 "the webhook sink" test -s "$WORK_DIR/sink.port"
SINK_URL="http://127.0.0.1:$(cat "$WORK_DIR/sink.port")/hook"

# --- three replicas -------------------------------------------------------------------------------
cat > "$WORK_DIR/alertmanager.yml" <<YAML
route:
  receiver: webhook
  group_by: [alertname]
  group_wait: 2s
  group_interval: 5s
  repeat_interval: 1h
receivers:
  - name: webhook
    webhook_configs:
      - url: $SINK_URL
YAML
LABEL="e2e-$$-$RANDOM"
for i in 0 1 2; do
  flags=(--config.file="$WORK_DIR/alertmanager.yml" --storage.path="$WORK_DIR/replica-$i"
    --web.listen-address="127.0.0.1:${WEB[$i]}" --web.external-url="http://127.0.0.1:${WEB[$i]}"
    --cluster.listen-address="127.0.0.1:${CLUSTER[$i]}" --cluster.peer-timeout="$PEER_TIMEOUT")
  for j in 0 1 2; do
    [[ $j != "$i" ]] && flags+=(--cluster.peer="127.0.0.1:${CLUSTER[$j]}")
  done
  if [[ "$MODE" == alertcluster ]]; then
    flags+=(--cluster.label="$LABEL" --cluster.gossip-interval=50ms)
  fi
  mkdir -p "$WORK_DIR/replica-$i"
  "${REPLICA_CMD[@]}" "${flags[@]}" > "$WORK_DIR/replica-$i.log" 2>&1 &
  PIDS+=($!)
done
for i in 0 1 2; do
  wait_for 60 "replica $i to be ready" curl -fsS "http://127.0.0.1:${WEB[$i]}/-/ready"
done
log "3 $MODE replicas ready on ports ${WEB[*]} (peer timeout $PEER_TIMEOUT)"

# --- Prometheus -----------------------------------------------------------------------------------
# The rules are true until a fixed time, then false: no reload needed, and Prometheus sends the
# resolve itself (endsAt = the resolve time) as it does for any alert that stops firing.
NOW=$(date +%s)
UNTIL=$(( NOW + FIRING_SECONDS ))
{
  echo "groups:"
  echo "  - name: e2e"
  echo "    rules:"
  for g in "${ALERT_GROUPS[@]}"; do
    echo "      - alert: $g"
    echo "        expr: vector(time()) < $UNTIL"
    echo "        annotations: {summary: \"true until $UNTIL\"}"
  done
} > "$WORK_DIR/rules.yml"
cat > "$WORK_DIR/prometheus.yml" <<YAML
global:
  evaluation_interval: 1s
  scrape_interval: 15s
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - api_version: v2
      static_configs:
        - targets: [127.0.0.1:${WEB[0]}, 127.0.0.1:${WEB[1]}, 127.0.0.1:${WEB[2]}]
YAML
prometheus --config.file="$WORK_DIR/prometheus.yml" --storage.tsdb.path="$WORK_DIR/prometheus-data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --rules.alert.resend-delay="$RESEND_DELAY" \
  > "$WORK_DIR/prometheus.log" 2>&1 &
PIDS+=($!)
wait_for 30 "Prometheus" curl -fsS "http://127.0.0.1:$PROM_PORT/-/ready"
log "Prometheus on $PROM_PORT: ${#ALERT_GROUPS[@]} rules true for ${FIRING_SECONDS}s, resend delay $RESEND_DELAY, eval 1s"

count() { # count STATUS GROUP
  awk -v s="$1" -v g="$2" '$2 == s && $3 == g' "$NOTIFICATIONS" | wc -l
}
all_resolved() {
  local g
  for g in "${ALERT_GROUPS[@]}"; do
    (( $(count resolved "$g") >= 1 )) || return 1
  done
}
prom_metric() {
  curl -fsS "http://127.0.0.1:$PROM_PORT/metrics" | awk -v m="$1" '$1 ~ "^"m {s += $2} END {print s + 0}'
}

# --- firing phase ---------------------------------------------------------------------------------
while (( $(date +%s) < UNTIL )); do
  sleep 1
done
FIRING_SENT=$(prom_metric prometheus_notifications_sent_total)
log "rules now false; during the firing phase Prometheus sent $FIRING_SENT alerts (all replicas), firing notifications: $(for g in "${ALERT_GROUPS[@]}"; do printf '%s=%s ' "$g" "$(count firing "$g")"; done)"

# --- resolve phase --------------------------------------------------------------------------------
PT_SECONDS=$(awk -v p="$PEER_TIMEOUT" 'BEGIN { v = p + 0; if (p ~ /ms$/) v /= 1000; else if (p ~ /m$/) v *= 60; print int(v + 0.999) }')
wait_for $(( 20 + 2 * PT_SECONDS )) "a resolved notification of every group" all_resolved || true
WATCH=$(( 2 * PT_SECONDS + 6 ))
log "watching ${WATCH}s (2 x peer timeout + one group interval) for duplicates"
sleep "$WATCH"

# --- amtool ---------------------------------------------------------------------------------------
AMTOOL_OK=skipped
if command -v amtool >/dev/null 2>&1; then
  AMTOOL_OK=yes
  for i in 0 1 2; do
    amtool --alertmanager.url="http://127.0.0.1:${WEB[$i]}" alert add alertname=E2eAmtool severity=info \
      --annotation=summary="added by amtool" > "$WORK_DIR/amtool-add-$i.out" 2>&1 || AMTOOL_OK=no
  done
  for i in 0 1 2; do
    amtool --alertmanager.url="http://127.0.0.1:${WEB[$i]}" alert query alertname=E2eAmtool \
      > "$WORK_DIR/amtool-query-$i.out" 2>&1 || AMTOOL_OK=no
    grep -q E2eAmtool "$WORK_DIR/amtool-query-$i.out" || AMTOOL_OK=no
  done
  wait_for $(( 10 + 2 * PT_SECONDS )) "the amtool alert at the webhook" \
    bash -c "awk '\$2 == \"firing\" && \$3 == \"E2eAmtool\"' '$NOTIFICATIONS' | grep -q ." || AMTOOL_OK=no
  sleep $(( 2 * PT_SECONDS + 2 ))
  log "amtool: alert add to 3 replicas; alert query on each: $(cat "$WORK_DIR"/amtool-query-*.out | grep -c E2eAmtool) rows; notified $(count firing E2eAmtool)x"
  (( $(count firing E2eAmtool) == 1 )) || AMTOOL_OK=no
fi

# --- verdict --------------------------------------------------------------------------------------
echo
echo "notifications received (time ms, status, group, sender):"
sed 's/^/  /' "$NOTIFICATIONS"
echo
echo "Prometheus: notifications sent $(prom_metric prometheus_notifications_sent_total)," \
  "errors $(prom_metric prometheus_notifications_errors_total)," \
  "dropped $(prom_metric prometheus_notifications_dropped_total)"
PASS=yes
echo "VERDICT ($MODE x3, real Prometheus, ${FIRING_SECONDS}s firing, resend delay $RESEND_DELAY):"
for g in "${ALERT_GROUPS[@]}"; do
  f=$(count firing "$g")
  r=$(count resolved "$g")
  ok=PASS
  if (( f != 1 || r != 1 )); then ok=FAIL; PASS=no; fi
  echo "  [$ok] group $g: $f firing notification(s), $r resolved (expected 1 and 1)"
done
if [[ "$AMTOOL_OK" == no ]]; then
  PASS=no
  echo "  [FAIL] amtool alert add / query / notified once (see $WORK_DIR/amtool-*.out)"
elif [[ "$AMTOOL_OK" == yes ]]; then
  echo "  [PASS] amtool alert add (zero times) listed by amtool alert query on all 3, notified once"
else
  echo "  [SKIP] amtool is not on PATH"
fi
echo "files: $WORK_DIR"
if [[ "$PASS" == yes ]]; then
  echo "RESULT: PASS"
  exit 0
fi
echo "RESULT: FAIL"
exit 1
