#!/usr/bin/env python3
"""Search latency: runs 2-4 word queries, with and without tones, against GET /api/v1/articles?q=
and prints p50/p95 per query and overall.   search-bench.py BASE_URL [rounds]"""
import http.client
import statistics
import sys
import time
import urllib.parse

QUERIES = [
    "cải cách hành chính", "cai cach hanh chinh", "dịch vụ công", "dich vu cong",
    "tuyên truyền pháp luật", "tuyen truyen phap luat", "đồng bào dân tộc thiểu số", "dong bao dan toc thieu so",
    "hồ sơ trực tuyến", "ho so truc tuyen", "\"hài lòng\" người dân", "DAY MANH TUYEN TRUYEN",
]


def main():
    base = urllib.parse.urlparse(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    conn = http.client.HTTPConnection(base.hostname, base.port)
    for q in QUERIES:  # warm-up
        conn.request("GET", "/api/v1/articles?q=" + urllib.parse.quote(q)); conn.getresponse().read()
    plain, phrases = [], []
    print(f"{'query':34} {'p50 ms':>8} {'p95 ms':>8} {'matches':>8}")
    for q in QUERIES:
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            conn.request("GET", "/api/v1/articles?q=" + urllib.parse.quote(q))
            response = conn.getresponse()
            body = response.read()
            times.append((time.perf_counter() - start) * 1000)
            assert response.status == 200, body
        total = body.split(b'"totalItems":')[1].split(b",")[0].decode()
        times.sort()
        (phrases if '"' in q else plain).extend(times)
        print(f"{q:34} {statistics.median(times):8.1f} {times[int(len(times) * 0.95) - 1]:8.1f} {total:>8}")
    for name, times in (("all 2-4 word queries", plain), ("quoted phrases", phrases)):
        times.sort()
        print(f"{name:34} {statistics.median(times):8.1f} {times[int(len(times) * 0.95) - 1]:8.1f}")


if __name__ == "__main__":
    main()
