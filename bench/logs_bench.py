#!/usr/bin/env python3
"""Berth's CloudWatch Logs benchmark, against a Berth of its own:
  * PutLogEvents throughput: events per second into 10 streams, in batches of 1,000 and of 10
    events (~100-byte messages), one keep-alive connection;
  * FilterLogEvents latency on a store of ~100k events in those 10 streams: a first page
    (limit 100, a term that matches 1 event in 10), a whole-group scan whose pattern matches
    almost nothing (every event is looked at), and two JSON pattern scans (one that parses
    every message, one whose `=` string lets 9 in 10 be skipped unparsed);
  * ECS ListClusters latency alone and while another connection sends PutLogEvents batches:
    the Logs store has its own lock, so a chatty container should not slow the ECS API.
Results are printed and written to bench/RESULTS.md between the logs-bench markers. Nothing
here asserts on time.

  python3 bench/logs_bench.py [--berth build/berth] [--events 100000] [--runs 20]
"""

import argparse
import datetime
import http.client
import json
import pathlib
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from benchlib import (HERE, ROOT, Server, berth_argv, git_revision, logger,  # noqa: E402
                      machine, write_section)

BEGIN, END = "<!-- logs-bench:begin -->", "<!-- logs-bench:end -->"
GROUP = "/bench/logs"
STREAMS = [f"stream-{i}" for i in range(10)]
log = logger("logs-bench")


class LogsConnection:
    """Logs_20140328 calls over one keep-alive connection."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(self, operation, body):
        self.conn.request("POST", "/", body=json.dumps(body), headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"Logs_20140328.{operation}"})
        response = self.conn.getresponse()
        out = json.loads(response.read() or b"{}")
        if response.status != 200:
            raise RuntimeError(f"{operation}: HTTP {response.status}: {out}")
        return out


def message(i):
    level = "ERROR" if i % 10 == 0 else "INFO"
    return f'{{"level":"{level}","seq":{i},"latency_ms":{i % 997},"path":"/api/items/{i % 50}"}}'


def put_events(logs, total, batch):
    """Seconds to put `total` events in batches of `batch`, round-robin over the streams."""
    base = int(time.time() * 1000) - 3_600_000
    started = time.perf_counter()
    sent = 0
    while sent < total:
        n = min(batch, total - sent)
        events = [{"timestamp": base + sent + k, "message": message(sent + k)} for k in range(n)]
        logs.call("PutLogEvents", {"logGroupName": GROUP, "logStreamName": STREAMS[(sent // batch) % 10],
                                   "logEvents": events})
        sent += n
    return time.perf_counter() - started


def timed(f, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        f()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def filter_latencies(logs, runs):
    def first_page():
        out = logs.call("FilterLogEvents", {"logGroupName": GROUP, "filterPattern": "ERROR", "limit": 100})
        assert len(out["events"]) == 100, len(out["events"])

    def full_scan():
        out = logs.call("FilterLogEvents", {"logGroupName": GROUP, "filterPattern": '"seq\\":99999,"'})
        assert "nextToken" not in out

    def json_scan():
        out = logs.call("FilterLogEvents", {"logGroupName": GROUP,
                                            "filterPattern": "{ $.latency_ms = 996 && $.level = \"INFO\" }"})
        assert "nextToken" not in out

    def json_selective():
        out = logs.call("FilterLogEvents", {"logGroupName": GROUP,
                                            "filterPattern": "{ $.level = \"ERROR\" && $.latency_ms > 990 }"})
        assert "nextToken" not in out

    return {"first page, limit 100, term `ERROR`": timed(first_page, runs),
            "whole group, a term matching 1 event": timed(full_scan, runs),
            "whole group, JSON pattern `{ $.latency_ms = 996 && $.level = \"INFO\" }`":
                timed(json_scan, max(3, runs // 4)),
            "whole group, JSON pattern `{ $.level = \"ERROR\" && $.latency_ms > 990 }` (1 event in 10 parsed)":
                timed(json_selective, max(3, runs // 4))}


def ecs_latency(berth, port, runs, with_logs_load):
    stop = threading.Event()
    sent = [0]

    def chatty():
        logs = LogsConnection(port)
        base = int(time.time() * 1000)
        while not stop.is_set():
            events = [{"timestamp": base + k, "message": message(k)} for k in range(1000)]
            logs.call("PutLogEvents", {"logGroupName": GROUP, "logStreamName": "chatty", "logEvents": events})
            sent[0] += 1000

    thread = threading.Thread(target=chatty) if with_logs_load else None
    if thread:
        thread.start()
        time.sleep(0.5)
    try:
        result = timed(lambda: berth.call("ListClusters", {}), runs)
    finally:
        stop.set()
        if thread:
            thread.join()
    return result, sent[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--berth", default=str(ROOT / "build" / "berth"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--command", default=None)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="berth-logs-bench-")
    berth = Server("berth", berth_argv(args.berth), workdir).start()
    try:
        logs = LogsConnection(berth.port)
        logs.call("CreateLogGroup", {"logGroupName": GROUP})
        for s in STREAMS + ["chatty"]:
            logs.call("CreateLogStream", {"logGroupName": GROUP, "logStreamName": s})
        small = put_events(logs, 5_000, 10)
        log(f"batches of 10: {5_000 / small:,.0f} events/s")
        big = put_events(logs, args.events - 5_000, 1_000)
        log(f"batches of 1000: {(args.events - 5_000) / big:,.0f} events/s")
        filters = filter_latencies(logs, args.runs)
        for name, (median, p95) in filters.items():
            log(f"{name}: median {median:.1f} ms, p95 {p95:.1f} ms")
        ecs_idle, _ = ecs_latency(berth, berth.port, 200, False)
        ecs_busy, busy_events = ecs_latency(berth, berth.port, 200, True)
        log(f"ListClusters idle {ecs_idle[0]:.2f} ms, with PutLogEvents load {ecs_busy[0]:.2f} ms")
        rss = berth.rss_kib()
    finally:
        berth.stop()

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = args.command or "python3 bench/logs_bench.py" + (f" --berth {args.berth}" if args.berth != str(ROOT / "build" / "berth") else "")
    rows = "\n".join(f"| {name} | {m:.1f} ms | {p:.1f} ms |" for name, (m, p) in filters.items())
    section = f"""{BEGIN}
## CloudWatch Logs: PutLogEvents throughput, FilterLogEvents latency

`{command}` — {now}, revision {git_revision()}; {machine()}; load average at the end: {", ".join(f"{x:.1f}" for x in __import__("os").getloadavg())}.

PutLogEvents over one keep-alive connection, ~100-byte JSON messages, 10 streams:

| batch size | events/s |
|---|---|
| 10 | {5_000 / small:,.0f} |
| 1,000 | {(args.events - 5_000) / big:,.0f} |

FilterLogEvents on the {args.events:,} events of one group's 10 streams (median and p95 of {args.runs} calls; the JSON scans of {max(3, args.runs // 4)}). A JSON pattern's plain `=` strings under `&&` must appear in a message's text before it is parsed:

| query | median | p95 |
|---|---|---|
{rows}

ECS ListClusters over its own connection, 200 calls: median {ecs_idle[0]:.2f} ms (p95 {ecs_idle[1]:.2f}) alone, {ecs_busy[0]:.2f} ms (p95 {ecs_busy[1]:.2f}) while another connection sent {busy_events:,} events in PutLogEvents batches of 1,000. Berth's RSS after the run: {rss / 1024:.0f} MiB. Both client loops run in one Python process and share its interpreter lock, so this shows that ECS calls do not queue behind log writes, not how much either side can take.
{END}
"""
    write_section(args.results, BEGIN, END, section)
    print(section)


if __name__ == "__main__":
    main()
