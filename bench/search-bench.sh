#!/usr/bin/env bash
# Search latency on ARTICLES articles (default 100,000): imports the data set, times how long the
# background indexer takes to make every imported article searchable, then runs
# bench/search-bench.py (2-4 word queries with and without tones, ROUNDS each). The read cache is
# off (CMS_CACHE_MAX_STALENESS=0) so that every request runs its query.
#   bench/search-bench.sh [articles] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-100000}
ROUNDS=${2:-40}
DB=cms_bench_search
. bench/lib.sh

package_service
DATA=$(dataset "$ARTICLES")
fresh_database $DB
start_service $DB CMS_CACHE_MAX_STALENESS=0
START=$(date +%s.%N)
import_dataset "$ARTICLES" > /dev/null
IMPORTED=$(date +%s.%N)
pending() { psql -At -h 127.0.0.1 -U postgres -d $DB -c "select count(*) from cms.article where search_vector is null"; }
while [ "$(pending)" != 0 ]; do sleep 1; done
INDEXED=$(date +%s.%N)
psql -q -h 127.0.0.1 -U postgres -d $DB -c "vacuum analyze cms.article"
python3 -c "
i, x = $IMPORTED - $START, $INDEXED - $IMPORTED
print(f'import {i:.1f} s ({$ARTICLES / i:.0f} articles/s); every article searchable {x:.1f} s later ({$ARTICLES / x:.0f} articles/s indexed)')"
python3 bench/search-bench.py "http://localhost:$PORT" "$ROUNDS"
echo "service RSS: $(service_rss_mb) MB"
stop_service
