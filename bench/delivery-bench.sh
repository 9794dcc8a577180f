#!/usr/bin/env bash
# Public read delivery, one command: generates ARTICLES articles (default 100,000; up to 1,000,000)
# of Vietnamese news in 20 sections, loads them through POST /api/v1/admin/import, starts the
# packaged service (256 MB heap) and measures with wrk, 2 threads and 32 connections, DURATION
# seconds (default 20) after a 10 s warm-up each:
#   A  the newest 20 of a section          B  one article by slug
#   C  page 250 of all articles            D  the cursor page that equals C
#   E  B with If-None-Match (304s)
# and, as the ceiling in the same run, nginx serving the bytes of one A and one B response as
# static files. Prints req/s, p50, p99, non-2xx, the ratio to the ceiling, and the service's RSS.
#   bench/delivery-bench.sh [articles]
# Needs: wrk and nginx (apt-get install -y wrk nginx), python3, curl, psql, PostgreSQL as for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-100000}
DURATION=${DURATION:-20}
NGINX_PORT=${NGINX_PORT:-18090}
DB=cms_bench_delivery
. bench/lib.sh
command -v wrk > /dev/null && command -v nginx > /dev/null || { echo "needs wrk and nginx: apt-get install -y wrk nginx" >&2; exit 1; }

package_service
echo "data set: $(dataset "$ARTICLES")"
fresh_database $DB
start_service $DB
echo "import: $(import_dataset "$ARTICLES" | cut -c1-80)"
# The search indexer rewrites every imported row after the import; vacuum after it, or counts
# and deep pages visit the table instead of answering from the indexes alone.
while [ "$(psql -At -h 127.0.0.1 -U postgres -d $DB -c "select count(*) from cms.article where search_vector is null")" != 0 ]; do
  sleep 1
done
psql -q -h 127.0.0.1 -U postgres -d $DB -c "vacuum analyze"
URL="http://localhost:$PORT"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

SECTION=$(curl -sf "$URL/api/v1/sections" | json 'd["items"][0]["slug"]')
SLUG=$(curl -sf "$URL/api/v1/articles?size=1&fields=slug" | json 'd["items"][0]["slug"]')
A="/api/v1/articles?section=$SECTION&size=20"
B="/api/v1/articles/slug/$SLUG"
C="/api/v1/articles?page=250&size=20"
CURSOR=$(curl -sf "$URL/api/v1/articles?page=249&size=20" | json 'd["nextCursor"]')
D="/api/v1/articles?size=20&cursor=$CURSOR"
[ "$(curl -sf "$URL$C" | json '[i["id"] for i in d["items"]]')" = "$(curl -sf "$URL$D" | json '[i["id"] for i in d["items"]]')" ] \
  || { echo "the cursor page differs from page 250" >&2; exit 1; }
ETAG=$(curl -sf -o /dev/null -D - "$URL$B" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')

# The ceiling: nginx serving the very bytes of A and B.
STATIC="$WORK/static"
mkdir -p "$STATIC"
curl -sf "$URL$A" > "$STATIC/a.json"
curl -sf "$URL$B" > "$STATIC/b.json"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root $STATIC; }
}
CONF
nginx -c "$WORK/nginx.conf"
trap 'kill $SERVICE 2>/dev/null || true; nginx -c "$WORK/nginx.conf" -s stop 2>/dev/null || true' EXIT

run() { # name url [header]
  local args=(-t2 -c32 --latency)
  [ -n "${3:-}" ] && args+=(-H "$3")
  wrk "${args[@]}" -d10s "$2" > /dev/null
  local summary
  summary=$(wrk_summary "$(wrk "${args[@]}" -d"${DURATION}s" "$2")")
  echo "$1 $summary"
}

RESULTS=()
RESULTS+=("$(run nginx-A "http://127.0.0.1:$NGINX_PORT/a.json")")
RESULTS+=("$(run nginx-B "http://127.0.0.1:$NGINX_PORT/b.json")")
RESULTS+=("$(run A "$URL$A")")
RESULTS+=("$(run B "$URL$B")")
RESULTS+=("$(run C "$URL$C")")
RESULTS+=("$(run D "$URL$D")")
RESULTS+=("$(run E "$URL$B" "If-None-Match: $ETAG")")
RSS=$(service_rss_mb)
stop_service

python3 - "$ARTICLES" "$RSS" "${RESULTS[@]}" <<'PY'
import sys
articles, rss, rows = sys.argv[1], sys.argv[2], [r.split() for r in sys.argv[3:]]
r = {row[0]: row for row in rows}
ceiling = {"A": "nginx-A", "B": "nginx-B", "C": "nginx-A", "D": "nginx-A", "E": "nginx-B"}
names = {"nginx-A": "nginx: bytes of A", "nginx-B": "nginx: bytes of B",
         "A": "A newest 20 of a section", "B": "B article by slug", "C": "C page 250 of all",
         "D": "D cursor page = C", "E": "E B with If-None-Match (304)"}
print(f"\n{articles} articles; wrk 2 threads, 32 connections\n")
print("| run | req/s | p50 ms | p99 ms | non-2xx | of ceiling |")
print("|---|---:|---:|---:|---:|---:|")
for key in ["nginx-A", "nginx-B", "A", "B", "C", "D", "E"]:
    name, rps, p50, p99, bad = r[key][:5]
    share = f"{float(rps) / float(r[ceiling[key]][1]):.0%}" if key in ceiling else "—"
    print(f"| {names[key]} | {rps} | {p50} | {p99} | {bad} | {share} |")
a99 = float(r["A"][3])
print(f"\nC p99 / A p99 = {float(r['C'][3]) / a99:.2f}, D p99 / A p99 = {float(r['D'][3]) / a99:.2f}; service RSS {rss} MB")
PY
