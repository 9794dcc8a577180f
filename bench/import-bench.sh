#!/usr/bin/env bash
# Bulk import throughput: N articles of about 3 KB (default 100,000) through
# POST /api/v1/admin/import into an empty database, RUNS times (default 3), on the packaged service
# started with a 256 MB heap (the import streams; a buffered body would not fit).
#   bench/import-bench.sh [articles] [runs]
# Needs: python3, curl, psql; PostgreSQL on 127.0.0.1:5432 as for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-100000}
RUNS=${2:-3}
DB=${DB:-cms_bench}
. bench/lib.sh

package_service
DATA=$(dataset "$ARTICLES")
BYTES=$(stat -c %s "$DATA")

results=()
for run in $(seq "$RUNS"); do
  fresh_database $DB
  start_service $DB
  TOKEN=$(admin_token)
  START=$(date +%s.%N)
  REPORT=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$DATA" "localhost:$PORT/api/v1/admin/import")
  END=$(date +%s.%N)
  RSS=$(service_rss_mb)
  stop_service
  SECONDS_TAKEN=$(python3 -c "print(f'{$END - $START:.2f}')")
  RATE=$(python3 -c "print(round($ARTICLES / ($END - $START)))")
  echo "run $run: $REPORT in ${SECONDS_TAKEN}s = $RATE articles/s, service RSS $RSS MB"
  results+=("$RATE")
done
MEDIAN=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "import of $ARTICLES articles ($((BYTES / 1048576)) MB NDJSON): median $MEDIAN articles/s over $RUNS runs"
