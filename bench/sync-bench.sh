#!/usr/bin/env bash
# Delta sync and live events, one command: generates ARTICLES articles (default 100,000) of
# Vietnamese news with bodies, loads them through POST /api/v1/admin/import, waits for the search
# indexer and vacuums, starts the packaged service (256 MB heap) and measures, with
# bench/sync-bench.py as the client:
#   (a) the initial sync, GET /api/v1/sync?limit=LIMIT (default 500) from the first call to
#       hasMore=false, end to end (requests and JSON parsing), RUNS times (default 3): items/s;
#   (b) a delta: EDITS articles (default 100) edited through PATCH after the walk's last token,
#       then GET /api/v1/sync?token=… REPS times (default 50; 5 warm-up) with that same token:
#       p50 and p95 of the request, each answer checked to be exactly the edited articles;
#   (c) SUBSCRIBERS (default 1,000) concurrent GET /api/v1/events streams on the instance, then
#       CHANGES articles (default 20) edited one at a time through PATCH, each once every
#       subscriber has the previous one (or 5 s have passed): for every (subscriber, change) the
#       time from just before the PATCH was sent, and from its answer, to receipt; misses; the
#       service's RSS sampled every 100 ms.
#   bench/sync-bench.sh
# Needs: python3 (no packages), curl, psql, PostgreSQL as for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-100000}
LIMIT=${LIMIT:-500}
RUNS=${RUNS:-3}
EDITS=${EDITS:-100}
REPS=${REPS:-50}
SUBSCRIBERS=${SUBSCRIBERS:-1000}
CHANGES=${CHANGES:-20}
DB=cms_bench_sync
. bench/lib.sh
ulimit -n "$(ulimit -Hn)" # a socket per subscriber, on both ends
sql() { psql -At -h 127.0.0.1 -U postgres -d $DB -c "$1"; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

package_service
echo "data set: $(dataset "$ARTICLES")"
fresh_database $DB
start_service $DB
echo "import: $(import_dataset "$ARTICLES" | tr '\n' ' ' | cut -c1-120)"
# The search indexer rewrites every imported row after the import: measure after it, vacuumed.
while [ "$(sql "select count(*) from cms.article where search_vector is null")" != 0 ]; do
  sleep 1
done
psql -q -h 127.0.0.1 -U postgres -d $DB -c "vacuum analyze"
URL="http://localhost:$PORT"

WALKS=()
for run in $(seq "$RUNS"); do
  WALKS+=("$(python3 bench/sync-bench.py walk "$URL" "$LIMIT")")
  echo "walk $run: $(python3 -c 'import json,sys; w=json.loads(sys.argv[1]); print(w["items"], "items in", round(w["seconds"], 2), "s")' "${WALKS[-1]}")"
done
LAST=${WALKS[-1]}
IDS=$(python3 -c 'import json,sys; print(",".join(map(str, json.loads(sys.argv[1])["sample_ids"])))' "$LAST")
DELTA_IDS=$(echo "$IDS" | cut -d, -f1-"$EDITS")
EVENT_IDS=$(echo "$IDS" | cut -d, -f$((EDITS + 1))-$((EDITS + CHANGES)))
JWT=$(admin_token)
DELTA=$(python3 bench/sync-bench.py delta "$URL" "$JWT" "$(field "$LAST" token)" "$DELTA_IDS" "$REPS")
RSS_IDLE=$(service_rss_mb)
EVENTS=$(python3 bench/sync-bench.py events "$URL" "$JWT" "$SERVICE" "$SUBSCRIBERS" "$EVENT_IDS")
stop_service

python3 - "$ARTICLES" "$LIMIT" "$RSS_IDLE" "$DELTA" "$EVENTS" "${WALKS[@]}" <<'PY'
import json, statistics, sys
articles, limit, rss_idle = sys.argv[1:4]
delta, events = json.loads(sys.argv[4]), json.loads(sys.argv[5])
walks = [json.loads(w) for w in sys.argv[6:]]
rates = [w["items"] / w["seconds"] for w in walks]
print(f"\n{articles} articles imported; java -Xmx256m\n")
print(f"(a) initial sync, limit={limit}, first call to hasMore=false\n")
print("| run | items | requests | MB | s | of which JSON parsing s | items/s |")
print("|---|---:|---:|---:|---:|---:|---:|")
for n, (w, rate) in enumerate(zip(walks, rates), 1):
    print(f"| {n} | {w['items']:,} | {w['requests']} | {w['bytes'] / 1e6:,.0f} | {w['seconds']:.2f} | {w['parse_seconds']:.2f} | {rate:,.0f} |")
print(f"\nmedian **{statistics.median(rates):,.0f} items/s** (target 5,000)\n")
print(f"(b) delta of {delta['items']} edited articles, the same token asked {delta['reps']} times "
      f"({delta['bytes']:,} bytes each)\n")
print("| p50 ms | p95 ms | min ms | max ms |")
print("|---:|---:|---:|---:|")
print(f"| **{delta['p50_ms']:.1f}** | {delta['p95_ms']:.1f} | {delta['min_ms']:.1f} | {delta['max_ms']:.1f} |")
print(f"\n(c) {events['subscribers']} SSE subscribers ({events['connected']} connected in {events['connect_seconds']:.1f} s, "
      f"{events['refused']} refused {events['refusals']}), {events['changes']} changes one at a time "
      f"(PATCH p50 {events['write_p50_ms']:.1f} ms)\n")
print("| measured from | p50 ms | p99 ms | extreme ms |")
print("|---|---:|---:|---:|")
print(f"| just before the PATCH is sent | {events['from_request_p50_ms']:.1f} | **{events['from_request_p99_ms']:.1f}** | max {events['from_request_max_ms']:.1f} |")
print(f"| the PATCH's answer | {events['from_answer_p50_ms']:.1f} | {events['from_answer_p99_ms']:.1f} | min {events['from_answer_min_ms']:.1f} |")
print(f"\nreceived {events['received']:,} of {events['pairs']:,} (subscriber, change) pairs: **{events['misses']} missed**; "
      f"{events['ended_early']} streams ended early")
print(f"service RSS: {rss_idle} MB before the subscribers, {events['rss_connected_mb']} MB with them connected, "
      f"**{events['rss_peak_mb']} MB at the peak** (target 512)")
PY
