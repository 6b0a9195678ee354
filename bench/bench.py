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
import http.client
import json
import os
import pathlib
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113"
SAMPLE = json.loads((ROOT / "tests/e2e/data/sample-fargate.json").read_text())
AUTH = ("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/ecs/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)
BEGIN, END = "<!-- api-bench:begin -->", "<!-- api-bench:end -->"


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ecs_headers(operation):
    return {"Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"{TARGET_PREFIX}.{operation}",
            "X-Amz-Date": "20250101T000000Z", "Authorization": AUTH}


class Server:
    """One server process on a free loopback port: Berth or moto_server."""

    def __init__(self, kind, executable, workdir):
        self.kind, self.executable, self.workdir = kind, executable, workdir
        self.process = None
        self.port = None

    def argv(self, port):
        if self.kind == "berth":
            return [self.executable, "--listen", f"127.0.0.1:{port}", "--log-level", "warn"]
        return [self.executable, "-H", "127.0.0.1", "-p", str(port)]

    def spawn(self):
        self.port = free_port()
        logfile = open(self.workdir / f"{self.kind}.log", "ab")
        self.process = subprocess.Popen(self.argv(self.port), stdout=logfile, stderr=logfile,
                                        stdin=subprocess.DEVNULL, cwd=self.workdir)
        logfile.close()

    def start(self):
        self.spawn()
        first_answer(self.port, self.process, timeout=60)
        return self

    def rss_kib(self):
        status = pathlib.Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1))

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def call(self, operation, body):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("POST", "/", body=json.dumps(body), headers=ecs_headers(operation))
            response = conn.getresponse()
            return response.status, json.loads(response.read() or b"{}")
        finally:
            conn.close()


def first_answer(port, process, timeout=30.0):
    """Polls with an ECS ListClusters call until it answers 200; returns the answer time."""
    request = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
               + "".join(f"{k}: {v}\r\n" for k, v in ecs_headers("ListClusters").items())
               + "Content-Length: 2\r\n\r\n{}").encode()
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode} before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(request)
                status_line = s.recv(64)
            if status_line.startswith(b"HTTP/1.1 200") or status_line.startswith(b"HTTP/1.0 200"):
                return time.perf_counter()
        except OSError:
            time.sleep(0.0002)  # not listening yet: poll again almost at once
    raise RuntimeError(f"no answer on port {port} within {timeout} s")


def cold_start_ms(server, runs):
    """Median, min and max ms from spawning the server to its first 200 answer."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        server.spawn()
        try:
            answered = first_answer(server.port, server.process)
        finally:
            server.stop()
        samples.append((answered - start) * 1000)
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples),
            "runs": runs}


def run_wrk(port, operation, body, seconds, connections, threads):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(body, f)
        body_file = f.name
    env = dict(os.environ, BENCH_TARGET=operation, BENCH_BODY_FILE=body_file)
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
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    headers = ecs_headers("RegisterTaskDefinition")
    start = time.perf_counter()
    for i in range(count):
        body = dict(SAMPLE, family=f"bench-fill-{i % families}")
        conn.request("POST", "/", body=json.dumps(body), headers=headers)
        response = conn.getresponse()
        payload = response.read()
        if response.status != 200:
            raise RuntimeError(f"registration {i} failed: {response.status} {payload[:300]!r}")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def measure(kind, executable, args, workdir):
    log(f"{kind}: {executable}")
    server = Server(kind, executable, workdir)
    result = {"executable": executable}

    runs = args.cold_runs if kind == "berth" else args.moto_cold_runs
    log(f"{kind}: cold start, {runs} runs")
    result["cold"] = cold_start_ms(server, runs)

    server.start()
    try:
        time.sleep(1)
        result["rss_idle_kib"] = server.rss_kib()
        status, created = server.call("CreateCluster", {"clusterName": "bench"})
        assert status == 200, created
        status, described = server.call("DescribeClusters", {"clusters": ["bench"]})
        assert status == 200 and described["clusters"][0]["clusterName"] == "bench", described
        calls = {
            "DescribeClusters": {"clusters": ["bench"]},
            "RegisterTaskDefinition": dict(SAMPLE, family="bench-fargate"),
        }
        for operation, body in calls.items():
            log(f"{kind}: {operation}, {args.warmup} s warm-up + {args.duration} s")
            run_wrk(server.port, operation, body, args.warmup, args.connections, args.threads)
            result[operation] = run_wrk(server.port, operation, body, args.duration,
                                        args.connections, args.threads)
            log(f"{kind}: {operation}: {result[operation]['rps']:.0f} req/s, "
                f"p50 {result[operation]['p50_ms']:.2f} ms, p99 {result[operation]['p99_ms']:.2f} ms")
        result["rss_after_load_kib"] = server.rss_kib()
    finally:
        server.stop()

    server.start()
    try:
        time.sleep(0.5)
        before = server.rss_kib()
        log(f"{kind}: registering {args.fill} task definitions")
        result["fill_seconds"] = fill(server, args.fill, args.fill_families)
        result["rss_before_fill_kib"] = before
        result["rss_filled_kib"] = server.rss_kib()
    finally:
        server.stop()
    return result


def machine():
    cpu = "unknown CPU"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text())[1])
    os_name = "Linux"
    release = pathlib.Path("/etc/os-release")
    if release.exists():
        m = re.search(r'^PRETTY_NAME="?([^"\n]+)', release.read_text(), re.M)
        os_name = m[1] if m else os_name
    return (f"{os_name}, kernel {platform.release()} {platform.machine()}, {cpu}, "
            f"{os.cpu_count()} cores, {mem_kib / 1048576:.0f} GiB")


def load_note(load_before):
    """Says how busy the machine was before the run started: others' work skews tails."""
    text = f"Load average before the run: {load_before:.1f} (1 min)."
    if load_before > 1.0:
        text += (" Other processes were using the cores while this ran; throughput and "
                 "especially latency tails are worse than on an idle machine.")
    return text


def git_revision():
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src",
                                "include", "CMakeLists.txt"], capture_output=True, text=True).stdout
        return rev + (" with uncommitted changes in src/include" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


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

    for op, target in (("DescribeClusters", "≥ 20,000 req/s, p99 < 5 ms, ≥ 10× moto"),
                       ("RegisterTaskDefinition", "≥ 10× moto")):
        b, m = berth[op], moto[op] if moto else None
        row(f"{op} req/s", f"{b['rps']:,.0f}", f"{m['rps']:,.0f}" if m else "",
            ratio(b["rps"], m["rps"]) if m else "", target)
        row(f"{op} p50 / p99 latency", f"{b['p50_ms']:.2f} / {b['p99_ms']:.2f} ms",
            f"{m['p50_ms']:.2f} / {m['p99_ms']:.2f} ms" if m else "",
            f"p99 {ratio(m['p99_ms'], b['p99_ms'])} lower" if m else "", "")
        errs = b["errors"] + (m["errors"] if m else 0)
        if errs:
            row(f"{op} failed requests", str(b["errors"]), str(m["errors"]) if m else "", "", "must be 0")
    row("RSS at idle", mib(berth["rss_idle_kib"]), mib(moto["rss_idle_kib"]) if moto else "",
        ratio(moto["rss_idle_kib"], berth["rss_idle_kib"]) + " smaller" if moto else "", "< 10 MiB")
    row(f"RSS after {args.fill:,} task definitions", mib(berth["rss_filled_kib"]),
        mib(moto["rss_filled_kib"]) if moto else "",
        ratio(moto["rss_filled_kib"], berth["rss_filled_kib"]) + " smaller" if moto else "", "")
    row(f"time to register {args.fill:,} task definitions (1 connection)",
        f"{berth['fill_seconds']:.2f} s", f"{moto['fill_seconds']:.2f} s" if moto else "",
        ratio(moto["fill_seconds"], berth["fill_seconds"]) + " faster" if moto else "", "")
    bc, mc = berth["cold"], moto["cold"] if moto else None
    row("cold start to first answer (median)",
        f"{bc['median']:.1f} ms (min {bc['min']:.1f}, max {bc['max']:.1f}; {bc['runs']} runs)",
        f"{mc['median']:.0f} ms (min {mc['min']:.0f}, max {mc['max']:.0f}; {mc['runs']} runs)" if mc else "",
        ratio(mc["median"], bc["median"]) + " faster" if mc else "", "< 20 ms")

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


def write_results(path, section):
    text = path.read_text() if path.exists() else "# Benchmark results\n\nWritten by the scripts in bench/; each section says how it was measured.\n\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--berth", default=str(ROOT / "build/berth"))
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
    write_results(pathlib.Path(args.results), section)
    log(f"written to {args.results}")


if __name__ == "__main__":
    main()
