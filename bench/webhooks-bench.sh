#!/usr/bin/env bash
# Webhook delivery, one command, against the packaged service and nginx as a fast receiver on
# loopback (it answers 204 and logs each request's webhook-id and arrival time):
#   L  publish-to-receipt latency: PUBLISHES (default 200) articles published one by one through the
#      API; each is timed from before its publish request (an upper bound of the commit) to its
#      arrival, and from its change log row's recorded_at (when the transaction wrote the change,
#      before its commit) to its arrival; p50, p99 and max of each.
#   T  throughput: an import of DELIVERIES (default 10,000) public articles makes as many
#      article.published deliveries to one webhook; deliveries/s from the first arrival to the last.
#   K  kill -9: a second import of DELIVERIES articles; once a part has arrived the service is killed
#      with SIGKILL and started again; every webhook-id must arrive, duplicates are counted.
#   M  several endpoints: ENDPOINTS (default 4) webhooks to the same receiver (paths /hook/1...), an
#      import of MANY (default 5,000) articles makes MANY deliveries to each; deliveries/s over all of
#      them from the first arrival to the last, and each endpoint's own rate.
#   bench/webhooks-bench.sh   (PORT, MANAGEMENT_PORT, NGINX_PORT and WORK choose where it runs;
#   PHASES="T M" runs only those, in the order L T K M)
# Needs: nginx (apt-get install -y nginx), python3, curl, psql, PostgreSQL as for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PUBLISHES=${PUBLISHES:-200}
DELIVERIES=${DELIVERIES:-10000}
ENDPOINTS=${ENDPOINTS:-4}
MANY=${MANY:-5000}
PHASES=${PHASES:-L T K M}
phase() { [[ " $PHASES " == *" $1 "* ]]; }
NGINX_PORT=${NGINX_PORT:-18095}
DB=cms_bench_webhooks
. bench/lib.sh
command -v nginx > /dev/null || { echo "needs nginx: apt-get install -y nginx" >&2; exit 1; }

package_service
fresh_database $DB
LOG="$WORK/webhooks-received.log"
rm -f "$LOG"
cat > "$WORK/nginx-webhooks.conf" <<CONF
worker_processes 1;
pid $WORK/nginx-webhooks.pid;
error_log $WORK/nginx-webhooks-error.log;
events { worker_connections 1024; }
http {
  log_format hook '\$msec \$http_webhook_id \$uri';
  access_log $LOG hook buffer=64k flush=100ms;
  client_body_temp_path $WORK/nginx-body;
  server { listen 127.0.0.1:$NGINX_PORT; location / { return 204; } }
}
CONF
nginx -c "$WORK/nginx-webhooks.conf"
# On a loaded machine the service may take longer than start_service waits.
ready() { for _ in $(seq 300); do curl -sf "localhost:$MANAGEMENT_PORT/q/health/ready" > /dev/null && return 0; sleep 1; done; return 1; }
ENV=(CMS_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true CMS_STATS_RATE_LIMIT_PER_MINUTE=0)
start_service $DB "${ENV[@]}" || ready
trap 'kill -9 $SERVICE 2>/dev/null || true; nginx -c "$WORK/nginx-webhooks.conf" -s stop 2>/dev/null || true' EXIT
TOKEN=$(admin_token)
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
received() { sort -u -k2,2 "$LOG" 2>/dev/null | wc -l; }
await_received() { # COUNT SECONDS
  for _ in $(seq $(( $2 * 10 ))); do [ "$(received)" -ge "$1" ] && return 0; sleep 0.1; done
  echo "only $(received) of $1 arrived" >&2; return 1
}

api -X POST "localhost:$PORT/api/v1/webhooks" \
  -d "{\"url\": \"http://127.0.0.1:$NGINX_PORT/hook\", \"events\": [\"article.published\"]}" > /dev/null
SECTION=$(api -X POST "localhost:$PORT/api/v1/sections" -d '{"name": "Tin đo độ trễ"}' | json '["id"]')

# L: one publish at a time; the receipt is matched by arrival order (one webhook, in order).
if phase L; then
: > "$WORK/publish-times"
for i in $(seq "$PUBLISHES"); do
  ID=$(api -X POST "localhost:$PORT/api/v1/articles" \
    -d "{\"title\": \"Tin thứ $i\", \"body\": \"<p>Nội dung</p>\", \"sectionId\": $SECTION}" | json '["id"]')
  date +%s.%N >> "$WORK/publish-times"
  api -X POST "localhost:$PORT/api/v1/articles/$ID/publish" -d '{}' > /dev/null
  await_received "$i" 10
done
sleep 0.3
# The change log row's recorded_at is the time the publishing transaction wrote its change (before
# its commit): from it on is mostly the webhook side (the time before it is the publish request's).
psql -At -F ' ' -h 127.0.0.1 -U postgres -d $DB -c "select d.message_id, extract(epoch from c.recorded_at)
  from cms.webhook_delivery d join cms.change_log c on c.id = d.change_id order by d.id limit $PUBLISHES" > "$WORK/recorded-times"
LATENCY=$(python3 - "$WORK/publish-times" "$LOG" "$WORK/recorded-times" <<'PY'
import sys, statistics
sent = [float(l) for l in open(sys.argv[1])]
arrivals = [l.split() for l in open(sys.argv[2])][:len(sent)]
arrived = {a[1]: float(a[0]) for a in arrivals}
recorded = [l.split() for l in open(sys.argv[3])]
def summary(ms):
    ms = sorted(ms)
    p = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
    return f"{statistics.median(ms):.0f} {p(0.99):.0f} {max(ms):.0f}"
print(summary([(float(a[0]) - s) * 1000 for s, a in zip(sent, arrivals)]) + "; from the change's recorded_at: "
      + summary([(arrived[m] - float(t)) * 1000 for m, t in recorded]))
PY
)
echo "L latency ms p50 p99 max from before the publish request: $LATENCY  (load: $(uptime | sed 's/.*load average: //'))"
fi

# T: a bulk import queues DELIVERIES deliveries at once.
if phase T; then
BEFORE=$(received)
python3 bench/generate_dataset.py --articles "$DELIVERIES" --sections 5 --seed 1 > "$WORK/webhooks-import-1.ndjson"
curl -sf -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/x-ndjson" -X POST -T "$WORK/webhooks-import-1.ndjson" \
  "localhost:$PORT/api/v1/admin/import" > /dev/null
await_received $(( BEFORE + DELIVERIES )) 300
sleep 0.3
THROUGHPUT=$(python3 - "$LOG" "$BEFORE" <<'PY'
import sys
times = [float(l.split()[0]) for l in open(sys.argv[1])][int(sys.argv[2]):]
print(f"{(len(times) - 1) / (times[-1] - times[0]):.0f} {len(times)} {times[-1] - times[0]:.1f}")
PY
)
echo "T deliveries/s, count, seconds: $THROUGHPUT  (load: $(uptime | sed 's/.*load average: //'))"
fi

# K: kill -9 in the middle of a second batch, then start again. (Its sections are its own, as M's:
# every slug and every reference to one is prefixed, so each phase also runs alone.)
if phase K; then
BEFORE=$(received)
python3 bench/generate_dataset.py --articles "$DELIVERIES" --sections 5 --seed 2 \
  | sed 's/"\(slug\|parent\|section\)": "\([^"]*\)"/"\1": "k-\2"/g' > "$WORK/webhooks-import-2.ndjson"
curl -sf -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/x-ndjson" -X POST -T "$WORK/webhooks-import-2.ndjson" \
  "localhost:$PORT/api/v1/admin/import" > /dev/null
await_received $(( BEFORE + DELIVERIES / 4 )) 300
kill -9 "$SERVICE"; wait "$SERVICE" 2>/dev/null || true
AT_KILL=$(( $(received) - BEFORE ))
PENDING=$(psql -At -h 127.0.0.1 -U postgres -d $DB -c "select count(*) from cms.webhook_delivery where status = 'pending'")
start_service $DB "${ENV[@]}" || ready
trap 'kill -9 $SERVICE 2>/dev/null || true; nginx -c "$WORK/nginx-webhooks.conf" -s stop 2>/dev/null || true' EXIT
await_received $(( BEFORE + DELIVERIES )) 300
sleep 1
TOTAL_LINES=$(wc -l < "$LOG")
DISTINCT=$(received)
echo "K arrived before kill -9: $AT_KILL, pending in the database after it: $PENDING, distinct after restart: $(( DISTINCT - BEFORE )) of $DELIVERIES, duplicates: $(( TOTAL_LINES - DISTINCT ))  (load: $(uptime | sed 's/.*load average: //'))"
fi

# M: ENDPOINTS webhooks at once (the first one is disabled, so that each gets MANY).
if phase M; then
api -X PATCH -H 'Content-Type: application/merge-patch+json' "localhost:$PORT/api/v1/webhooks/1" -d '{"enabled": false}' > /dev/null
for n in $(seq "$ENDPOINTS"); do
  api -X POST "localhost:$PORT/api/v1/webhooks" \
    -d "{\"url\": \"http://127.0.0.1:$NGINX_PORT/hook/$n\", \"events\": [\"article.published\"]}" > /dev/null
done
BEFORE=$(wc -l < "$LOG")
DISTINCT=$(received)
python3 bench/generate_dataset.py --articles "$MANY" --sections 5 --seed 3 \
  | sed 's/"\(slug\|parent\|section\)": "\([^"]*\)"/"\1": "m-\2"/g' > "$WORK/webhooks-import-3.ndjson"
curl -sf -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/x-ndjson" -X POST -T "$WORK/webhooks-import-3.ndjson" \
  "localhost:$PORT/api/v1/admin/import" > /dev/null
await_received $(( DISTINCT + ENDPOINTS * MANY )) 300
sleep 0.3
SEVERAL=$(python3 - "$LOG" "$BEFORE" <<'PY'
import sys, collections
rows = [l.split() for l in open(sys.argv[1])][int(sys.argv[2]):]
times = [float(r[0]) for r in rows]
total = f"{(len(times) - 1) / (max(times) - min(times)):.0f}/s over all, {len(times)} in {max(times) - min(times):.1f} s"
by = collections.defaultdict(list)
for r in rows:
    by[r[2]].append(float(r[0]))
each = ", ".join(f"{uri} {(len(t) - 1) / (t[-1] - t[0]):.0f}/s" for uri, t in sorted(by.items()))
print(f"{total}; each: {each}")
PY
)
echo "M $ENDPOINTS endpoints: $SEVERAL  (load: $(uptime | sed 's/.*load average: //'))"
fi
