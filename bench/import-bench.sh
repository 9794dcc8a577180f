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
PORT=${PORT:-18081}
WORK=${WORK:-/tmp/cms-bench}
DB=cms_bench
mkdir -p "$WORK"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
DATA="$WORK/import-$ARTICLES.ndjson"
[ -f "$DATA" ] || python3 bench/generate_dataset.py --articles "$ARTICLES" > "$DATA"
BYTES=$(stat -c %s "$DATA")

results=()
for run in $(seq "$RUNS"); do
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB" -c "create database $DB"
  QUARKUS_HTTP_PORT=$PORT QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  CMS_ADMIN_USERNAME=bench CMS_ADMIN_PASSWORD=bench-password-123 \
  CMS_JWT_PUBLIC_KEY="$WORK/jwt-public.pem" CMS_JWT_PRIVATE_KEY="$WORK/jwt-private.pem" CMS_JWT_GENERATE_MISSING_KEYS=true \
    java -Xmx256m -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
  SERVICE=$!
  trap 'kill $SERVICE 2>/dev/null || true' EXIT
  for _ in $(seq 60); do curl -sf "localhost:$PORT/q/health/ready" > /dev/null && break; sleep 1; done
  TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-123"}' \
    "localhost:$PORT/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  START=$(date +%s.%N)
  REPORT=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$DATA" "localhost:$PORT/api/v1/admin/import")
  END=$(date +%s.%N)
  RSS=$(ps -o rss= -p $SERVICE | tr -d ' ')
  kill $SERVICE; wait $SERVICE 2>/dev/null || true
  SECONDS_TAKEN=$(python3 -c "print(f'{$END - $START:.2f}')")
  RATE=$(python3 -c "print(round($ARTICLES / ($END - $START)))")
  echo "run $run: $REPORT in ${SECONDS_TAKEN}s = $RATE articles/s, service RSS $((RSS / 1024)) MB"
  results+=("$RATE")
done
MEDIAN=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "import of $ARTICLES articles ($((BYTES / 1048576)) MB NDJSON): median $MEDIAN articles/s over $RUNS runs"
