#!/usr/bin/env python3
"""The client side of bench/sync-bench.sh; plain python3 (http.client, asyncio streams).

    sync-bench.py walk URL LIMIT                      initial sync, first call to hasMore=false
    sync-bench.py delta URL JWT TOKEN IDS REPS        edits IDS, then asks REPS times with TOKEN
    sync-bench.py events URL JWT PID SUBSCRIBERS IDS  SSE subscribers, one change per id in IDS

Each prints one JSON object on stdout. IDS is a comma list of public article ids.
"""
import asyncio
import http.client
import json
import statistics
import sys
import time
from urllib.parse import quote, urlsplit


def connection(url):
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def get(conn, path, headers=None):
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        sys.exit(f"GET {path}: {response.status} {body[:300]!r}")
    return response, body


def percentile(values, p):
    """Nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


def walk(url, limit):
    conn = connection(url)
    path = f"/api/v1/sync?limit={limit}"
    items = articles = requests = size = 0
    parsing = 0.0
    ids = []
    start = time.perf_counter()
    while True:
        _, body = get(conn, path)
        requests += 1
        size += len(body)
        parsed = time.perf_counter()
        page = json.loads(body)
        parsing += time.perf_counter() - parsed
        for item in page["items"]:
            items += 1
            if item["type"] == "article":
                if item["action"] != "upsert" or not item["data"]["body"]:
                    sys.exit(f"an article without its body: {item}")
                articles += 1
                ids.append(item["id"])
        if not page["hasMore"]:
            break
        path = "/api/v1/sync?token=" + quote(page["nextToken"], safe="")
    seconds = time.perf_counter() - start
    print(json.dumps({"items": items, "articles": articles, "requests": requests, "bytes": size,
                      "seconds": seconds, "parse_seconds": parsing, "token": page["nextToken"],
                      "sample_ids": ids[:: max(1, len(ids) // 200)][:200]}))


def etag(conn, jwt, article_id):
    """The ETag of the editorial read, for If-Match."""
    response, _ = get(conn, f"/api/v1/articles/{article_id}", {"Authorization": f"Bearer {jwt}"})
    return response.getheader("ETag")


def edit(conn, jwt, article_id, version, n):
    """One change through the API: a new summary."""
    body = json.dumps({"summary": f"Bản tin cập nhật lần {n}: tỉnh đẩy mạnh cải cách hành chính."}, ensure_ascii=False)
    conn.request("PATCH", f"/api/v1/articles/{article_id}", body=body.encode("utf-8"),
                 headers={"Authorization": f"Bearer {jwt}", "If-Match": version,
                          "Content-Type": "application/merge-patch+json"})
    answer = conn.getresponse()
    text = answer.read()
    if answer.status != 200:
        sys.exit(f"PATCH {article_id}: {answer.status} {text[:300]!r}")


def delta(url, jwt, token, ids, reps):
    conn = connection(url)
    for n, article_id in enumerate(ids):
        edit(conn, jwt, article_id, etag(conn, jwt, article_id), n)
    path = "/api/v1/sync?token=" + quote(token, safe="")
    expected = sorted(ids)

    def ask():
        started = time.perf_counter()
        _, body = get(conn, path)
        elapsed = time.perf_counter() - started
        page = json.loads(body)
        got = sorted(i["id"] for i in page["items"] if i["type"] == "article" and i["action"] == "upsert")
        if got != expected or len(page["items"]) != len(ids) or page["hasMore"]:
            sys.exit(f"the delta is not the {len(ids)} edited articles: {len(page['items'])} items, hasMore {page['hasMore']}")
        return elapsed, len(body)

    for _ in range(5):  # warm-up
        ask()
    timings = [ask() for _ in range(reps)]
    ms = [t * 1000 for t, _ in timings]
    print(json.dumps({"items": len(ids), "reps": reps, "bytes": timings[0][1], "p50_ms": statistics.median(ms),
                      "p95_ms": percentile(ms, 95), "min_ms": min(ms), "max_ms": max(ms)}))


class Subscriber:
    """One raw HTTP/1.1 stream of GET /api/v1/events: de-chunks it and parses it as EventSource does."""

    def __init__(self, wanted):
        self.wanted = wanted
        self.received = {}  # article id -> monotonic time of receipt
        self.connected = asyncio.get_running_loop().create_future()
        self.ended = False

    async def run(self, host, port):
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write(f"GET /api/v1/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
            status = await reader.readline()
            if b" 200 " not in status:
                raise IOError(status.decode(errors="replace").strip())
            chunked = False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                chunked |= line.lower().startswith(b"transfer-encoding:") and b"chunked" in line.lower()
            pending, event, data = b"", None, []
            while True:
                if chunked:
                    size = int((await reader.readline()).split(b";")[0], 16)
                    if size == 0:
                        break
                    block = await reader.readexactly(size + 2)
                    pending += block[:-2]
                else:
                    block = await reader.read(65536)
                    if not block:
                        break
                    pending += block
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    line = line.rstrip(b"\r")
                    if line == b"":
                        self.dispatch(event, b"\n".join(data))
                        event, data = None, []
                    elif line.startswith(b"event:"):
                        event = line[6:].strip()
                    elif line.startswith(b"data:"):
                        data.append(line[5:].lstrip(b" "))
        except (OSError, asyncio.IncompleteReadError, ValueError) as e:
            if not self.connected.done():
                self.connected.set_exception(e)
        self.ended = True

    def dispatch(self, event, data):
        now = time.monotonic()
        if event == b"stats" and not self.connected.done():
            self.connected.set_result(True)
        elif event == b"content":
            change = json.loads(data)
            if change["type"] == "article" and change["id"] in self.wanted and change["id"] not in self.received:
                self.received[change["id"]] = now


def rss_mb(pid):
    """The service's resident set, the figure ps -o rss shows."""
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) // 1024


async def events(url, jwt, pid, count, ids):
    parts = urlsplit(url)
    wanted = set(ids)
    rss = {"before": rss_mb(pid), "peak": 0}

    async def sample():
        while True:
            rss["peak"] = max(rss["peak"], rss_mb(pid))
            await asyncio.sleep(0.1)

    sampler = asyncio.create_task(sample())
    subscribers = [Subscriber(wanted) for _ in range(count)]
    tasks = []
    connect_start = time.monotonic()
    for i, subscriber in enumerate(subscribers):
        tasks.append(asyncio.create_task(subscriber.run(parts.hostname, parts.port)))
        if i % 50 == 49:  # in waves, as browsers arriving would
            await asyncio.sleep(0.05)
    results = await asyncio.gather(*(asyncio.wait_for(s.connected, 60) for s in subscribers), return_exceptions=True)
    refused = [r for r in results if r is not True]
    connect_seconds = time.monotonic() - connect_start
    live = [s for s, r in zip(subscribers, results) if r is True]
    rss_connected = rss_mb(pid)

    conn = connection(url)
    loop = asyncio.get_running_loop()
    published = []  # (id, before the request, at the answer)
    for n, article_id in enumerate(ids):
        def publish():
            version = etag(conn, jwt, article_id)
            before = time.monotonic()
            edit(conn, jwt, article_id, version, n)
            return before, time.monotonic()
        before, answered = await loop.run_in_executor(None, publish)
        published.append((article_id, before, answered))
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not all(article_id in s.received or s.ended for s in live):
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.1)
    await asyncio.sleep(1)  # stragglers
    sampler.cancel()

    from_request, from_answer, misses = [], [], 0
    for article_id, before, answered in published:
        for s in live:
            at = s.received.get(article_id)
            if at is None:
                misses += 1
            else:
                from_request.append((at - before) * 1000)
                from_answer.append((at - answered) * 1000)
    write_ms = [(answered - before) * 1000 for _, before, answered in published]
    print(json.dumps({
        "subscribers": count, "connected": len(live), "refused": len(refused),
        "refusals": sorted({str(r) for r in refused})[:3], "connect_seconds": connect_seconds,
        "changes": len(ids), "pairs": len(live) * len(ids), "received": len(from_request), "misses": misses,
        "ended_early": sum(s.ended for s in live),
        "from_request_p50_ms": percentile(from_request, 50), "from_request_p99_ms": percentile(from_request, 99),
        "from_request_max_ms": max(from_request),
        "from_answer_p50_ms": percentile(from_answer, 50), "from_answer_p99_ms": percentile(from_answer, 99),
        "from_answer_min_ms": min(from_answer),
        "write_p50_ms": statistics.median(write_ms),
        "rss_before_mb": rss["before"], "rss_connected_mb": rss_connected, "rss_peak_mb": rss["peak"]}))
    for task in tasks:
        task.cancel()


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "walk":
        walk(args[0], int(args[1]))
    elif command == "delta":
        delta(args[0], args[1], args[2], [int(i) for i in args[3].split(",")], int(args[4]))
    elif command == "events":
        asyncio.run(events(args[0], args[1], int(args[2]), int(args[3]), [int(i) for i in args[4].split(",")]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
