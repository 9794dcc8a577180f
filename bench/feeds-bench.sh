#!/usr/bin/env bash
# Feeds and sitemaps, one command: generates ARTICLES articles (default 1,000,000) of Vietnamese
# news in 20 sections, loads them through POST /api/v1/admin/import, spreads their publication
# times over the past (the generator's are 37 minutes apart, most of a million would be in the
# future) and gives every other one a featured image, then starts the packaged service (256 MB
# heap) and measures:
#   (a) a section's RSS feed with wrk, 2 threads and 32 connections, DURATION seconds (default 20)
#       after a 10 s warm-up, next to nginx serving the very same bytes (target: >= 60 % of nginx);
#       then both again for clients that send Accept-Encoding: gzip (nginx: gzip_static, the file
#       compressed ahead, as the service compresses its cached copy once);
#   (b) the deepest full articles sitemap page (50,000 URLs), fetched RUNS times (default 5) one
#       after the other: time to first and last byte, the service's RSS sampled every 50 ms during
#       each fetch, and the used heap after a full GC before and after the fetches (target: last
#       byte < 2 s, no heap growth).
#   bench/feeds-bench.sh [articles]
# REUSE=1 measures again on the database a previous run loaded (loading a million takes ~25 min).
# Needs: wrk and nginx (apt-get install -y wrk nginx), python3, curl, psql, jcmd and jstat (JDK),
# PostgreSQL as for the tests. The data set of a million articles takes about 3 GB in $WORK.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-1000000}
DURATION=${DURATION:-20}
RUNS=${RUNS:-5}
# Not 18091: lib.sh puts the service's management port there.
NGINX_PORT=${NGINX_PORT:-18092}
PAGE_SIZE=50000
DB=cms_bench_feeds
. bench/lib.sh
for tool in wrk nginx jcmd jstat; do
  command -v $tool > /dev/null || { echo "needs $tool (wrk, nginx: apt-get install -y wrk nginx; jcmd, jstat: a JDK)" >&2; exit 1; }
done
sql() { psql -At -h 127.0.0.1 -U postgres -d $DB -c "$1"; }

package_service
if [ "${REUSE:-}" != 1 ]; then
  echo "data set: $(dataset "$ARTICLES")"
  fresh_database $DB
fi
start_service $DB CMS_SITE_URL=https://tinh.gov.vn "CMS_SITE_NAME=Cổng thông tin điện tử tỉnh"
if [ "${REUSE:-}" != 1 ]; then
echo "import: $(import_dataset "$ARTICLES" | tr '\n' ' ' | cut -c1-120)"
# The search indexer rewrites every imported row after the import: wait for it, then rewrite the
# publication times once (one a minute from 2017 on: all in the past) and vacuum, or the sitemap's
# offsets and counts visit the table instead of answering from the index alone.
while [ "$(sql "select count(*) from cms.article where search_vector is null")" != 0 ]; do
  sleep 1
done
sql "update cms.article set published_at = timestamptz '2017-03-15 07:00:00+00' + id * interval '1 minute',
       featured_image_url = case when id % 2 = 0 then 'https://tinh.gov.vn/uploads/2017/03/anh-' || id || '.jpg' end,
       featured_image_alt = case when id % 2 = 0 then 'Ảnh minh họa' end" > /dev/null
psql -q -h 127.0.0.1 -U postgres -d $DB -c "vacuum analyze"
fi
URL="http://localhost:$PORT"
PUBLIC=$(sql "select count(*) from cms.article where status = 'PUBLISHED' and deleted_at is null and published_at <= now()")
# Page n holds the public articles with ids in ((n - 1) * PAGE_SIZE, n * PAGE_SIZE]: the deepest full one.
PAGE=$(sql "select coalesce(max(page), 0) from (select (id - 1) / $PAGE_SIZE + 1 as page from cms.article
  where status = 'PUBLISHED' and deleted_at is null and published_at <= now() group by page having count(*) = $PAGE_SIZE) p")
[ "$PAGE" -ge 1 ] || { echo "$PUBLIC public articles: no full sitemap page of $PAGE_SIZE URLs; use more articles" >&2; exit 1; }

# (a) A section's RSS feed, and nginx serving its bytes as the ceiling.
SECTION=$(curl -sf "$URL/api/v1/sections" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
FEED="/api/v1/feeds/rss?section=$SECTION"
STATIC="$WORK/static-feeds"
mkdir -p "$STATIC"
curl -sf "$URL$FEED" > "$STATIC/rss.xml"
ITEMS=$({ grep -o '<item>' "$STATIC/rss.xml" || true; } | wc -l)
# Clients that take gzip (browsers, feed readers): nginx serves the file compressed ahead (gzip_static).
gzip -6 -k -f "$STATIC/rss.xml"
cat > "$WORK/nginx-feeds.conf" <<CONF
worker_processes auto;
pid $WORK/nginx-feeds.pid;
error_log $WORK/nginx-feeds-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/rss+xml;
  gzip_static on;
  server { listen 127.0.0.1:$NGINX_PORT; root $STATIC; }
}
CONF
nginx -c "$WORK/nginx-feeds.conf"
trap 'kill $SERVICE 2>/dev/null || true; nginx -c "$WORK/nginx-feeds.conf" -s stop 2>/dev/null || true' EXIT

run() { # name url [wrk options]
  wrk -t2 -c32 --latency -d10s "${@:3}" "$2" > /dev/null
  echo "$1 $(wrk_summary "$(wrk -t2 -c32 --latency -d"${DURATION}s" "${@:3}" "$2")")"
}
NGINX=$(run nginx "http://127.0.0.1:$NGINX_PORT/rss.xml")
SERVICE_RSS=$(run service "$URL$FEED")
GZIP=(-H 'Accept-Encoding: gzip')
NGINX_GZIP=$(run nginx "http://127.0.0.1:$NGINX_PORT/rss.xml" "${GZIP[@]}")
SERVICE_GZIP=$(run service "$URL$FEED" "${GZIP[@]}")

# (b) The deepest full articles sitemap page, streamed.
SITEMAP="$URL/api/v1/sitemaps/articles-$PAGE.xml"
heap_used_mb() { # after a full GC: the heap that stays
  jcmd "$SERVICE" GC.run > /dev/null
  jstat -gc "$SERVICE" | python3 -c '
import sys
names, values = sys.stdin.read().split("\n")[:2]
gc = dict(zip(names.split(), values.split()))
print(round(sum(float(gc[used]) for used in ("S0U", "S1U", "EU", "OU")) / 1024))'
}
fetch() { # [curl options]: "ttfb ttlb bytes urls max-rss-mb" of one fetch of the page
  local max=0 rss samples="$WORK/rss-samples"
  : > "$samples"
  ( while kill -0 "$SERVICE" 2>/dev/null; do ps -o rss= -p "$SERVICE" >> "$samples"; sleep 0.05; done ) &
  local sampler=$!
  local timing
  timing=$(curl -sf "$@" -o "$WORK/sitemap-page.xml" -w '%{time_starttransfer} %{time_total} %{size_download}' "$SITEMAP")
  kill $sampler 2>/dev/null || true
  wait $sampler 2>/dev/null || true
  for rss in $(cat "$samples"); do [ "$rss" -gt "$max" ] && max=$rss; done
  local urls
  urls=$(gzip -dc -f < "$WORK/sitemap-page.xml" | { grep -o '<url>' || true; } | wc -l)
  echo "$timing $urls $((max / 1024))"
}
fetch > /dev/null # warm-up: the first fetch loads the classes and fills the database's cache
RSS_BEFORE=$(service_rss_mb)
HEAP_BEFORE=$(heap_used_mb)
FETCHES=()
for _ in $(seq "$RUNS"); do FETCHES+=("identity $(fetch)"); done
FETCHES+=("gzip $(fetch -H 'Accept-Encoding: gzip')")
HEAP_AFTER=$(heap_used_mb)
RSS_AFTER=$(service_rss_mb)
stop_service

python3 - "$ARTICLES" "$PUBLIC" "$ITEMS" "$PAGE" "$NGINX" "$SERVICE_RSS" "$NGINX_GZIP" "$SERVICE_GZIP" \
  "$RSS_BEFORE" "$RSS_AFTER" "$HEAP_BEFORE" "$HEAP_AFTER" "${FETCHES[@]}" <<'PY'
import sys
(articles, public, items, page, nginx, service, nginx_gzip, service_gzip,
 rss_before, rss_after, heap_before, heap_after) = sys.argv[1:13]
fetches = [f.split() for f in sys.argv[13:]]
nginx, service, nginx_gzip, service_gzip = nginx.split(), service.split(), nginx_gzip.split(), service_gzip.split()
print(f"\n{articles} articles ({public} public); wrk 2 threads, 32 connections\n")
print(f"(a) RSS feed of one section ({items} items)\n")
print("| run | req/s | p50 ms | p99 ms | non-2xx | of nginx |")
print("|---|---:|---:|---:|---:|---:|")
for name, ceiling, measured in (("", nginx, service), (", gzip", nginx_gzip, service_gzip)):
    print(f"| nginx: the same bytes{name} | {ceiling[1]} | {ceiling[2]} | {ceiling[3]} | {ceiling[4]} | — |")
    print(f"| service, from its cache{name} | {measured[1]} | {measured[2]} | {measured[3]} | {measured[4]} | "
          f"{float(measured[1]) / float(ceiling[1]):.0%} |")
print(f"\n(b) articles sitemap page {page} (article ids {(int(page) - 1) * 50000 + 1}–{int(page) * 50000}), one fetch at a time\n")
print("| encoding | first byte s | last byte s | bytes | URLs | service RSS max MB |")
print("|---|---:|---:|---:|---:|---:|")
for encoding, ttfb, ttlb, size, urls, rss in fetches:
    print(f"| {encoding} | {float(ttfb):.3f} | {float(ttlb):.3f} | {int(float(size)):,} | {urls} | {rss} |")
print(f"\nservice RSS {rss_before} MB before the fetches, {rss_after} MB after; "
      f"heap used after a full GC {heap_before} MB before, {heap_after} MB after")
PY
