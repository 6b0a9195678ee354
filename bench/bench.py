#!/usr/bin/env python3
"""Berth's API benchmark (bench/run.sh is the entry point).

Measures, on loopback only and with bounded durations:
  * requests/s and p50/p99 latency of DescribeClusters and RegisterTaskDefinition POSTs under
    keep-alive load (wrk, 32 connections, 2 threads by default), after a short warm-up;
  * resident memory (VmRSS) at idle and after registering 10,000 task definitions;
  * cold start: from spawning the server to its first answer (median of several runs).
The same measurements are taken of moto_server when it is installed, in the same run, and
the ratios printed. Results are printed and written to bench/RESULTS.md between the
api-bench markers (other sections of that file are left alone). Nothing here asserts on
time: the targets are printed next to the numbers for the reader.
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from benchlib import (HERE, ROOT, Server, berth_argv, git_revision,  # noqa: E402
                      logger, machine, spawn_to_answer_ms, write_section)

SAMPLE = json.loads((ROOT / "tests/e2e/data/sample-fargate.json").read_text())
BEGIN, END = "<!-- api-bench:begin -->", "<!-- api-bench:end -->"
BERTH_THREADS = 2  # berth --threads default (app::Config), which bench runs Berth with
log = logger("bench")


def server(kind, executable, workdir):
    if kind == "berth":
        return Server(kind, berth_argv(executable), workdir)
    return Server(kind, lambda port: [executable, "-H", "127.0.0.1", "-p", str(port)], workdir)


def cold_start_ms(server, runs):
    """Median, min and max ms from spawning the server to its first 200 answer."""
    samples = [spawn_to_answer_ms(server) for _ in range(runs)]
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples),
            "runs": runs}


def run_wrk(port, operation, body, seconds, connections, threads, prefix=None):
    """wrk's numbers for one JSON-1.1 call (an ECS one unless `prefix` names the target's)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(body, f)
        body_file = f.name
    env = dict(os.environ, BENCH_TARGET=operation, BENCH_BODY_FILE=body_file)
    if prefix:
        env["BENCH_TARGET_PREFIX"] = prefix
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
            "--timeout", "10s", "-s", str(HERE / "ecs_call.lua"), f"http://127.0.0.1:{port}/"]
    try:
        out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(body_file)
    line = next(l for l in out.splitlines() if l.startswith("BENCH "))
    fields = {k: int(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
    errors = sum(fields[k] for k in ("status_errors", "connect_errors", "read_errors",
                                     "write_errors", "timeouts"))
    return {"rps": fields["requests"] / (fields["duration_us"] / 1e6),
            "p50_ms": fields["p50_us"] / 1000, "p90_ms": fields["p90_us"] / 1000,
            "p99_ms": fields["p99_us"] / 1000, "max_ms": fields["max_us"] / 1000,
            "requests": fields["requests"], "errors": errors, "argv": argv}


def fill(server, count, families):
    """Registers `count` task definitions over one keep-alive connection; returns seconds."""
    start = time.perf_counter()
    for i in range(count):
        status, payload = server.request("RegisterTaskDefinition",
                                         dict(SAMPLE, family=f"bench-fill-{i % families}"))
        if status != 200:
            raise RuntimeError(f"registration {i} failed: {status} {payload[:300]!r}")
    return time.perf_counter() - start


def load(server, operation, body, args):
    """wrk against `server`: a warm-up, then the measured run."""
    log(f"{server.name}: {operation}, {args.warmup} s warm-up + {args.duration} s")
    run_wrk(server.port, operation, body, args.warmup, args.connections, args.threads)
    result = run_wrk(server.port, operation, body, args.duration, args.connections, args.threads)
    log(f"{server.name}: {operation}: {result['rps']:.0f} req/s, "
        f"p50 {result['p50_ms']:.2f} ms, p99 {result['p99_ms']:.2f} ms")
    return result


def floor(executable, answer, args, workdir):
    """The bare Beast server (bench/floor_server.cpp) answering `answer`, the bytes Berth sent
    for the same DescribeClusters, with Berth's default thread count, under the same load."""
    body_file = workdir / "floor-body.json"
    body_file.write_bytes(answer)
    server = Server("floor", lambda port: [executable, str(port), str(BERTH_THREADS),
                                           str(body_file)], workdir).start()
    try:
        return load(server, "DescribeClusters", {"clusters": ["bench"]}, args)
    finally:
        server.stop()


def measure(kind, executable, args, workdir):
    log(f"{kind}: {executable}")
    srv = server(kind, executable, workdir)
    result = {"executable": executable}

    runs = args.cold_runs if kind == "berth" else args.moto_cold_runs
    log(f"{kind}: cold start, {runs} runs")
    result["cold"] = cold_start_ms(srv, runs)

    srv.start()
    try:
        time.sleep(1)
        result["rss_idle_kib"] = srv.rss_kib()
        srv.call("CreateCluster", {"clusterName": "bench"})
        status, answer = srv.request("DescribeClusters", {"clusters": ["bench"]})
        described = json.loads(answer)
        assert status == 200 and described["clusters"][0]["clusterName"] == "bench", described
        result["DescribeClusters"] = load(srv, "DescribeClusters", {"clusters": ["bench"]}, args)
        if kind == "berth" and args.floor:
            result["floor"] = floor(args.floor, answer, args, workdir)
        result["RegisterTaskDefinition"] = load(srv, "RegisterTaskDefinition",
                                                dict(SAMPLE, family="bench-fargate"), args)
        result["rss_after_load_kib"] = srv.rss_kib()
    finally:
        srv.stop()

    srv.start()
    try:
        time.sleep(0.5)
        before = srv.rss_kib()
        log(f"{kind}: registering {args.fill} task definitions")
        result["fill_seconds"] = fill(srv, args.fill, args.fill_families)
        result["rss_before_fill_kib"] = before
        result["rss_filled_kib"] = srv.rss_kib()
    finally:
        srv.stop()
    return result


def load_note(load_before):
    """Says how busy the machine was before the run started: others' work skews tails."""
    text = f"Load average before the run: {load_before:.1f} (1 min)."
    if load_before > 1.0:
        text += (" Other processes were using the cores while this ran; throughput and "
                 "especially latency tails are worse than on an idle machine.")
    return text


def versions(moto):
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    wrk_version = (wrk.stdout + wrk.stderr).split(" [")[0].strip()
    text = f"{wrk_version}"
    if moto:
        probe = subprocess.run([sys.executable, "-c", "import moto; print(moto.__version__)"],
                               capture_output=True, text=True)
        moto_version = probe.stdout.strip() or "unknown version"
        text += f", moto {moto_version} (moto_server, Python {platform.python_version()})"
    return text


def mib(kib):
    return f"{kib / 1024:.1f} MiB"


def ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "n/a"


def report(results, args, command):
    berth, moto = results["berth"], results.get("moto")
    now = datetime.datetime.now().astimezone()
    header = "| | Berth | moto | Berth vs moto | issue target |" if moto else "| | Berth | issue target |"
    sep = "|---|---|---|---|---|" if moto else "|---|---|---|"
    rows = []

    def row(label, b, m, r, target):
        rows.append(f"| {label} | {b} | {m} | {r} | {target} |" if moto else f"| {label} | {b} | {target} |")

    for op, target in (("DescribeClusters", "≥ 50 % of the floor server"),
                       ("RegisterTaskDefinition", "≥ 20,000 req/s, p99 < 5 ms")):
        b, m = berth[op], moto[op] if moto else None
        row(f"{op} req/s", f"{b['rps']:,.0f}", f"{m['rps']:,.0f}" if m else "",
            ratio(b["rps"], m["rps"]) if m else "", target)
        row(f"{op} p50 / p99 latency", f"{b['p50_ms']:.2f} / {b['p99_ms']:.2f} ms",
            f"{m['p50_ms']:.2f} / {m['p99_ms']:.2f} ms" if m else "",
            f"p99 {ratio(m['p99_ms'], b['p99_ms'])} lower" if m else "", "")
        errs = b["errors"] + (m["errors"] if m else 0)
        if errs:
            row(f"{op} failed requests", str(b["errors"]), str(m["errors"]) if m else "", "", "must be 0")
        if op == "DescribeClusters" and "floor" in berth:
            f = berth["floor"]
            row("floor server (bare Beast, same answer) req/s",
                f"{f['rps']:,.0f} (p99 {f['p99_ms']:.2f} ms); Berth at "
                f"{100 * b['rps'] / f['rps']:.0f} %", "", "", "")
    row("RSS at idle", mib(berth["rss_idle_kib"]), mib(moto["rss_idle_kib"]) if moto else "",
        ratio(moto["rss_idle_kib"], berth["rss_idle_kib"]) + " smaller" if moto else "", "< 10 MiB")
    row(f"RSS after {args.fill:,} task definitions", mib(berth["rss_filled_kib"]),
        mib(moto["rss_filled_kib"]) if moto else "",
        ratio(moto["rss_filled_kib"], berth["rss_filled_kib"]) + " smaller" if moto else "", "")
    per_td = lambda r: (r["rss_filled_kib"] - r["rss_before_fill_kib"]) / args.fill  # noqa: E731
    row("RSS per stored task definition", f"{per_td(berth):.2f} KiB",
        f"{per_td(moto):.2f} KiB" if moto else "",
        ratio(per_td(moto), per_td(berth)) + " smaller" if moto else "", "≤ 2.5 KiB")
    row(f"time to register {args.fill:,} task definitions (1 connection)",
        f"{berth['fill_seconds']:.2f} s", f"{moto['fill_seconds']:.2f} s" if moto else "",
        ratio(moto["fill_seconds"], berth["fill_seconds"]) + " faster" if moto else "", "")
    bc, mc = berth["cold"], moto["cold"] if moto else None
    row("cold start to first answer (median)",
        f"{bc['median']:.1f} ms (min {bc['min']:.1f}, max {bc['max']:.1f}; {bc['runs']} runs)",
        f"{mc['median']:.0f} ms (min {mc['min']:.0f}, max {mc['max']:.0f}; {mc['runs']} runs)" if mc else "",
        ratio(mc["median"], bc["median"]) + " faster" if mc else "", "< 15 ms")

    lines = [
        BEGIN,
        "## API: throughput, latency, memory, cold start",
        "",
        f"Measured {now:%Y-%m-%d %H:%M %Z} on {machine()}. {load_note(args.load_before)}",
        f"Berth {git_revision()} ({berth['executable']}); {versions(moto)}.",
        "",
        f"Command: `{command}`",
        "",
        header,
        sep,
        *rows,
        "",
        "How it was measured:",
        f"- Load: `wrk -t {args.threads} -c {args.connections} -d {args.duration}s` with "
        "`bench/ecs_call.lua` (POST /, `X-Amz-Target`, `Content-Type: application/x-amz-json-1.1`, "
        "a SigV4-shaped `Authorization` header, keep-alive), after a "
        f"{args.warmup} s warm-up, on loopback. wrk and the server share the machine's cores. "
        "DescribeClusters asks for one cluster; RegisterTaskDefinition sends the tutorial's "
        "sample-fargate JSON (family `bench-fargate`), so every request adds a revision.",
        "- The floor: `build/floor_server` (bench/floor_server.cpp), a bare Boost.Beast server "
        f"with Berth's {BERTH_THREADS} threads, a strand per connection and keep-alive, "
        "answering every request with the bytes Berth answered to the same DescribeClusters; "
        "loaded by the same wrk command right after Berth's DescribeClusters run.",
        "- Latency percentiles are wrk's (its coordinated-omission-free mode is not used).",
        "- RSS is VmRSS from /proc/PID/status: 1 s after start for idle; after "
        f"{args.fill:,} registrations of the sample-fargate JSON over {args.fill_families} "
        "families (one keep-alive connection, every answer checked for 200) on a fresh server.",
        "- Cold start: from spawning the process to the first 200 answer to an ECS ListClusters "
        "POST, polled in a tight loop from Python; median of the runs shown.",
        f"- Berth runs with `--log-level warn`; moto_server as installed. "
        "Every number above was measured in this one run.",
        END,
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--berth", default=str(ROOT / "build/berth"))
    parser.add_argument("--floor", default=str(ROOT / "build/floor_server"),
                        help="the floor server executable ('' to skip)")
    parser.add_argument("--moto", default=shutil.which("moto_server") or "",
                        help="moto_server executable ('' to skip)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per call")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--fill", type=int, default=10_000)
    parser.add_argument("--fill-families", type=int, default=100)
    parser.add_argument("--cold-runs", type=int, default=21)
    parser.add_argument("--moto-cold-runs", type=int, default=5)
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--command", default="bash bench/run.sh",
                        help="the command line recorded in RESULTS.md")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0]
    args.berth = os.path.abspath(args.berth)
    args.floor = args.floor and os.path.abspath(args.floor)
    if args.moto:
        args.moto = shutil.which(args.moto) or os.path.abspath(args.moto)

    with tempfile.TemporaryDirectory(prefix="berth-bench.") as tmp:
        workdir = pathlib.Path(tmp)
        results = {"berth": measure("berth", args.berth, args, workdir)}
        if args.moto:
            results["moto"] = measure("moto", args.moto, args, workdir)
        else:
            log("moto_server not found: measuring Berth alone")
    section = report(results, args, args.command)
    print(section)
    write_section(args.results, BEGIN, END, section)
    log(f"written to {args.results}")


if __name__ == "__main__":
    main()
