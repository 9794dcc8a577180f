#!/usr/bin/env bash
# Visit statistics under load, on the packaged service with ARTICLES articles (default 10,000):
#  1. page-view hits alone, as fast as wrk can send them (2 threads, 32 connections, DURATION
#     seconds after a warm-up; 5,000 readers, 100 articles), then exactness: every hit the service
#     accepted must be in pageViews and in the articles' viewCount;
#  2. article reads by slug alone (wrk, 2 threads, 32 connections);
#  3. the same reads while hits flow at about HIT_RATE a second (default 1,000), and their ratio to 2.
#   bench/hits-bench.sh [articles]
# Needs: wrk, python3, curl, psql; PostgreSQL on 127.0.0.1:5432 as for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-10000}
DURATION=${DURATION:-20}
HIT_RATE=${HIT_RATE:-1000}
DB=cms_bench_hits
. bench/lib.sh

package_service
fresh_database $DB
start_service $DB CMS_STATS_RATE_LIMIT_PER_MINUTE=0
import_dataset "$ARTICLES" > /dev/null
URL="http://localhost:$PORT"
SLUG=$(curl -sf "$URL/api/v1/articles?size=1&fields=slug" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
export ARTICLE_IDS
ARTICLE_IDS=$(psql -At -h 127.0.0.1 -U postgres -d $DB -c \
  "select string_agg(id::text, ',') from (select id from cms.article where status = 'PUBLISHED' order by id limit 100) a")

counted() {
  curl -sf "localhost:$MANAGEMENT_PORT/q/metrics" | awk '/^cms_stats_hits_total\{.*outcome="counted"/ {printf "%d", $2}'
}
reads() {
  wrk -t2 -c32 -d"$1"s --latency "$URL/api/v1/articles/slug/$SLUG" | tee "$WORK/reads.txt"
}
hits() {
  wrk -t2 -c"$1" -d"$2"s --latency -s bench/wrk/hits.lua "$URL" | tee "$WORK/hits-$1.txt"
}

echo "warming up..."
reads 10 > /dev/null
hits 32 10 > /dev/null
sleep 3
BEFORE=$(counted)

HITS_OUT=$(hits 32 "$DURATION")
HITS=$(wrk_summary "$HITS_OUT")
SENT_OK=$(python3 -c "
import re,sys; t=sys.argv[1]
total=int(re.search(r'(\d+) requests in', t).group(1))
bad=re.search(r'Non-2xx or 3xx responses: (\d+)', t)
print(total - (int(bad.group(1)) if bad else 0))" "$HITS_OUT")
sleep 3
ACCEPTED=$(( $(counted) - BEFORE ))
TOTALS=$(psql -At -F ' ' -h 127.0.0.1 -U postgres -d $DB -c \
  "select (select sum(page_views) from cms.stats_day), (select sum(view_count) from cms.article)")
read -r PAGE_VIEWS VIEW_COUNTS <<< "$TOTALS"
# Every hit of the run, the warm-up's included, names an article: both sums must equal all accepted.
ALL_ACCEPTED=$(counted)

READS_ALONE=$(wrk_summary "$(reads "$DURATION")")

# Hits at a steady rate: 30 connections, each pausing 30,000/HIT_RATE ms between hits.
export HIT_DELAY_MS=$(( 30000 / HIT_RATE ))
hits 30 $((DURATION + 4)) > "$WORK/steady-hits.txt" &
HITS_PID=$!
sleep 2
BEFORE_STEADY=$(counted)
READS_UNDER_HITS=$(wrk_summary "$(reads "$DURATION")")
STEADY_RATE=$(( ($(counted) - BEFORE_STEADY) / DURATION ))
wait $HITS_PID
RSS=$(service_rss_mb)
stop_service

read -r R0 R0P50 R0P99 R0BAD _ <<< "$READS_ALONE"
read -r R1 R1P50 R1P99 R1BAD _ <<< "$READS_UNDER_HITS"
read -r H HP50 HP99 HBAD _ <<< "$HITS"
echo
echo "| run | req/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---:|---:|---:|---:|"
echo "| hits, as fast as wrk sends | $H | $HP50 | $HP99 | $HBAD |"
echo "| article by slug, alone | $R0 | $R0P50 | $R0P99 | $R0BAD |"
echo "| article by slug, while $STEADY_RATE hits/s flow | $R1 | $R1P50 | $R1P99 | $R1BAD |"
echo
echo "hits accepted by the service in the hits run: $ACCEPTED (wrk saw $SENT_OK answers 202; the rest were cut off in flight when wrk stopped)"
echo "exactness: accepted since start $ALL_ACCEPTED, pageViews $PAGE_VIEWS, sum of viewCount $VIEW_COUNTS"
python3 -c "print(f'reads under hits / reads alone: {$R1 / $R0:.2f}')"
echo "service RSS: $RSS MB"
[ "$PAGE_VIEWS" = "$ALL_ACCEPTED" ] && [ "$VIEW_COUNTS" = "$ALL_ACCEPTED" ] || { echo "COUNTS DIFFER" >&2; exit 1; }
