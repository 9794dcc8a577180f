#!/usr/bin/env bash
# Media library, one command (a few minutes): generates test JPEGs (bench/MakeJpeg.java), starts
# the packaged service with a heap of HEAP (default 256m) on an empty database, and measures:
#   (a) a kept 640-px WebP variant (/api/v1/media/{id}/file?w=640&fm=webp) with wrk, 2 threads and
#       32 connections, DURATION seconds (default 15) after WARMUP seconds of the same load (default 30:
#       on a slow 2-core machine the JIT needs about 20 s before the service's rate settles), next to nginx serving
#       the very same bytes (target: >= 60 % of nginx);
#   (b) making a 640-px WebP from a 12-megapixel (4000 x 3000) JPEG: VARIANTS (default 10) fresh
#       variants one after the other, each with another q so that none is kept yet, after one
#       warm-up; median and p95 (target: median < 600 ms);
#   (c) uploading a 10 MB JPEG (4000 x 3000), RUNS (default 7) times: median (target < 1 s);
#   (d) 20 concurrent uploads of 40-megapixel (7300 x 5480) JPEGs, once upright and once with the
#       EXIF orientation 6 of a phone held upright (those are decoded whole and turned): the answers,
#       the most heap used (jstat every 100 ms), the service's RSS peak, any OutOfMemoryError.
#   bench/media-bench.sh
# Needs: wrk and nginx (apt-get install -y wrk nginx), java, jstat (JDK), python3, curl, psql,
# PostgreSQL as for the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
VARIANTS=${VARIANTS:-10}
RUNS=${RUNS:-7}
CONCURRENT=${CONCURRENT:-20}
# Not 18091/18092: lib.sh's management port and the feeds benchmark's nginx.
NGINX_PORT=${NGINX_PORT:-18093}
DB=${DB:-cms_bench_media}
. bench/lib.sh
for tool in wrk nginx java jstat; do
  command -v $tool > /dev/null || { echo "needs $tool (wrk, nginx: apt-get install -y wrk nginx; java, jstat: a JDK)" >&2; exit 1; }
done

IMAGES="$WORK/media-images"
mkdir -p "$IMAGES"
make_jpeg() { # name width height noise quality orientation: made once, then reused
  [ -f "$IMAGES/$1" ] || java bench/MakeJpeg.java "$2" "$3" "$4" "$5" "$6" "$IMAGES/$1"
}
make_jpeg photo-12mp.jpg 4000 3000 20 0.9 1
make_jpeg photo-10mb.jpg 4000 3000 70 0.95 1
make_jpeg photo-40mp.jpg 7300 5480 4 0.85 1
make_jpeg photo-40mp-turned.jpg 7300 5480 4 0.85 6

package_service
fresh_database $DB
STORE="$WORK/media-store"
rm -rf "$STORE"
start_service $DB "CMS_MEDIA_DIR=$STORE"
URL="http://localhost:$PORT"
TOKEN=$(admin_token)
upload() { # file: "http-code seconds" of one upload; the answer's body goes to $WORK/upload-<pid>.json
  curl -s -o "$WORK/upload-$BASHPID.json" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" \
    -F "file=@$1;type=image/jpeg" -F 'alt=Hội nghị triển khai công tác cải cách hành chính' "$URL/api/v1/media"
}
upload_id() { # file: the new media's id
  upload "$1" > /dev/null
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/upload-$BASHPID.json"
}
seconds() { # url: time of one GET, failing unless 200
  curl -sf -o /dev/null -w '%{time_total}\n' "$1"
}

# (b) Fresh 640-px WebP variants of a 12-megapixel JPEG, one at a time; the first warms up.
PHOTO=$(upload_id "$IMAGES/photo-12mp.jpg")
FILE="$URL/api/v1/media/$PHOTO/file"
seconds "$FILE?w=640&fm=webp&q=50" > /dev/null
MAKING=()
for q in $(seq 81 $((80 + VARIANTS))); do MAKING+=("$(seconds "$FILE?w=640&fm=webp&q=$q")"); done

# (a) The kept 640-px WebP (made here, on its first request), and nginx serving its bytes.
VARIANT="$FILE?w=640&fm=webp"
STATIC="$WORK/static-media"
mkdir -p "$STATIC"
curl -sf "$VARIANT" > "$STATIC/variant.webp"
cat > "$WORK/nginx-media.conf" <<CONF
worker_processes auto;
pid $WORK/nginx-media.pid;
error_log $WORK/nginx-media-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type image/webp;
  server { listen 127.0.0.1:$NGINX_PORT; root $STATIC; }
}
CONF
nginx -c "$WORK/nginx-media.conf"
trap 'kill $SERVICE 2>/dev/null || true; nginx -c "$WORK/nginx-media.conf" -s stop 2>/dev/null || true' EXIT
run() { # name url
  wrk -t2 -c32 --latency -d"${WARMUP}s" "$2" > /dev/null
  echo "$1 $(wrk_summary "$(wrk -t2 -c32 --latency -d"${DURATION}s" "$2")")"
}
LOAD_A=$(cut -d' ' -f1-3 /proc/loadavg)
NGINX=$(run nginx "http://127.0.0.1:$NGINX_PORT/variant.webp")
SERVED=$(run service "$VARIANT")

# (c) Uploads of a 10 MB JPEG, one at a time.
upload "$IMAGES/photo-10mb.jpg" > /dev/null # warm-up
UPLOADS=()
for _ in $(seq "$RUNS"); do
  read -r code time < <(upload "$IMAGES/photo-10mb.jpg")
  [ "$code" = 201 ] || { echo "a 10 MB upload answered $code" >&2; exit 1; }
  UPLOADS+=("$time")
done

# (d) CONCURRENT uploads of a 40-megapixel JPEG at once, sampling the heap and the RSS.
burst() { # file: "codes max-heap-mb max-rss-mb seconds ooms"
  local heap="$WORK/heap-samples" rss="$WORK/rss-samples" answers="$WORK/burst-answers"
  : > "$rss"
  : > "$answers"
  local ooms_before; ooms_before=$(grep -c OutOfMemoryError "$WORK/service.log" || true)
  jstat -gc "$SERVICE" 100 > "$heap" &
  local jstat=$!
  ( while kill -0 "$SERVICE" 2>/dev/null; do ps -o rss= -p "$SERVICE" >> "$rss"; sleep 0.1; done ) &
  local sampler=$!
  local start; start=$(date +%s.%N)
  local uploads=()
  for _ in $(seq "$CONCURRENT"); do upload "$1" >> "$answers" & uploads+=($!); done
  wait "${uploads[@]}"
  local end; end=$(date +%s.%N)
  kill $jstat $sampler 2>/dev/null || true
  wait $jstat $sampler 2>/dev/null || true
  python3 - "$heap" "$rss" "$answers" "$start" "$end" "$ooms_before" "$WORK/service.log" <<'PY'
import collections, sys
heap, rss, answers, start, end, ooms_before, log = sys.argv[1:]
lines = open(heap).read().split("\n")
names = lines[0].split()
used = [sum(float(dict(zip(names, l.split()))[k]) for k in ("S0U", "S1U", "EU", "OU")) / 1024
        for l in lines[1:] if l.split() and l.split()[0] != names[0]]
codes = collections.Counter(l.split()[0] for l in open(answers) if l.strip())
ooms = open(log, errors="replace").read().count("OutOfMemoryError") - int(ooms_before)
print(",".join(f"{c}x{n}" for c, n in sorted(codes.items())), round(max(used)),
      round(max(int(r) for r in open(rss).read().split()) / 1024), f"{float(end) - float(start):.1f}", ooms)
PY
}
LOAD_D=$(cut -d' ' -f1-3 /proc/loadavg)
UPRIGHT=$(burst "$IMAGES/photo-40mp.jpg")
TURNED=$(burst "$IMAGES/photo-40mp-turned.jpg")
stop_service

python3 - "${HEAP:-256m}" "$CONCURRENT" "$LOAD_A" "$LOAD_D" "$NGINX" "$SERVED" "$UPRIGHT" "$TURNED" \
  "$(stat -c %s "$STATIC/variant.webp")" "$(stat -c %s "$IMAGES/photo-10mb.jpg")" "$(stat -c %s "$IMAGES/photo-40mp.jpg")" \
  "${MAKING[*]}" "${UPLOADS[*]}" <<'PY'
import statistics, sys
heap, concurrent, load_a, load_d, nginx, served, upright, turned, variant_size, upload_size, big_size, making, uploads = sys.argv[1:]
nginx, served = nginx.split(), served.split()
making = sorted(float(t) * 1000 for t in making.split())
uploads = sorted(float(t) * 1000 for t in uploads.split())
p95 = lambda v: v[max(0, -(-95 * len(v) // 100) - 1)]  # nearest rank
print(f"\nheap -Xmx{heap}; wrk 2 threads, 32 connections\n")
print(f"(a) the kept 640-px WebP variant ({int(variant_size):,} bytes); load at start {load_a}\n")
print("| run | req/s | p50 ms | p99 ms | non-2xx | of nginx |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| nginx: the same bytes | {nginx[1]} | {nginx[2]} | {nginx[3]} | {nginx[4]} | — |")
print(f"| service | {served[1]} | {served[2]} | {served[3]} | {served[4]} | {float(served[1]) / float(nginx[1]):.0%} |")
print(f"\n(b) a new 640-px WebP from a 4000 x 3000 JPEG, {len(making)} variants: median {statistics.median(making):.0f} ms, "
      f"p95 {p95(making):.0f} ms (min {making[0]:.0f}, max {making[-1]:.0f})")
print(f"\n(c) upload of a {int(upload_size):,}-byte 4000 x 3000 JPEG, {len(uploads)} runs: median {statistics.median(uploads):.0f} ms "
      f"(min {uploads[0]:.0f}, max {uploads[-1]:.0f})")
print(f"\n(d) {concurrent} concurrent uploads of a 7300 x 5480 JPEG ({int(big_size):,} bytes); load at start {load_d}\n")
print("| image | answers | heap used max MB | RSS max MB | wall s | OutOfMemoryError |")
print("|---|---|---:|---:|---:|---:|")
for name, row in (("upright", upright), ("EXIF orientation 6", turned)):
    codes, heap_max, rss_max, wall, ooms = row.split()
    print(f"| {name} | {codes} | {heap_max} | {rss_max} | {wall} | {ooms} |")
PY
