# Shared by the benchmark scripts: the packaged service on a database of its own.
# Source it; needs python3, curl, psql and PostgreSQL on 127.0.0.1:5432 as for the tests.
PORT=${PORT:-18081}
# Health and metrics answer on the management port, not on $PORT.
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18091}
WORK=${WORK:-/tmp/cms-bench}
mkdir -p "$WORK"

package_service() {
  [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
}

# fresh_database NAME: drops and creates it.
fresh_database() {
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $1" -c "create database $1"
}

# start_service DB [extra environment assignments...]: starts the packaged service on $PORT (and
# $MANAGEMENT_PORT) with a heap of $HEAP (default 256m), waits until it is ready, and sets SERVICE
# to its pid.
start_service() {
  local db=$1; shift
  env QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" \
    CMS_ADMIN_USERNAME=bench CMS_ADMIN_PASSWORD=bench-password-123 \
    CMS_JWT_PUBLIC_KEY="$WORK/jwt-public.pem" CMS_JWT_PRIVATE_KEY="$WORK/jwt-private.pem" \
    CMS_JWT_GENERATE_MISSING_KEYS=true CMS_SITE_URL=https://tinh.gov.vn "$@" \
    java "-Xmx${HEAP:-256m}" -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
  SERVICE=$!
  trap 'kill $SERVICE 2>/dev/null || true' EXIT
  for _ in $(seq 60); do curl -sf "localhost:$MANAGEMENT_PORT/q/health/ready" > /dev/null && return 0; sleep 1; done
  echo "the service did not become ready; see $WORK/service.log" >&2
  return 1
}

stop_service() {
  kill "$SERVICE"
  wait "$SERVICE" 2>/dev/null || true
}

service_rss_mb() {
  echo $(( $(ps -o rss= -p "$SERVICE" | tr -d ' ') / 1024 ))
}

admin_token() {
  curl -sf -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-password-123"}' \
    "localhost:$PORT/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

# dataset ARTICLES: the path of the generated NDJSON data set (made once, then reused).
dataset() {
  local data="$WORK/import-$1.ndjson"
  [ -f "$data" ] || python3 bench/generate_dataset.py --articles "$1" > "$data"
  echo "$data"
}

# import_dataset ARTICLES: loads the data set through the import endpoint; prints its report (one
# line per request). A request may carry at most quarkus.http.limits.max-body-size (2 GB), so a
# large data set goes in parts of 250,000 lines (sections come first, so every part finds its
# sections). -T streams a file; --data-binary @file would read all of it into curl's memory first.
import_dataset() {
  local token; token=$(admin_token)
  rm -f "$WORK"/part-*
  split -l 250000 -d "$(dataset "$1")" "$WORK/part-"
  for part in "$WORK"/part-*; do
    curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
      -X POST -T "$part" "localhost:$PORT/api/v1/admin/import"
    echo
    rm -f "$part"
  done
}

# wrk_summary OUTPUT: "req/s p50 p99 non2xx" from wrk's --latency output.
wrk_summary() {
  python3 - "$1" <<'PY'
import re, sys
text = sys.argv[1]
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s|m)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
if "50%" not in text or "Requests/sec" not in text:
    sys.exit("wrk printed no result:\n" + text)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
# Anchored: "+/- Stdev" columns such as "63.50%" also end in 50%.
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(f"{float(rps):.0f} {p50:.2f} {p99:.2f} {bad.group(1) if bad else 0}" + (f" ({errors.group(1)})" if errors else ""))
PY
}
