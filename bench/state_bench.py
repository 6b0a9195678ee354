#!/usr/bin/env python3
"""What --state-dir costs (issue 11), measured side by side in one run, loopback only:
  * requests/s and p50/p99 of RegisterTaskDefinition (ECS Store) and SSM PutParameter with
    Overwrite (a store around ECS) under keep-alive load (wrk), without and with --state-dir:
    the journal's cost per API call (every answered write waits for its fdatasync);
  * restart: time from spawning Berth on a state directory holding N task definitions and a
    service of M running tasks to its first answer, and to the end of its adoption of the M
    tasks' containers, after a clean stop (a snapshot) and after a kill -9 (the journal
    replayed), and the directory's size. M > 0 needs the Docker engine and the test image
    (docker/engine.sh, docker/test-images.sh).
Writes bench/RESULTS.md between the state-bench markers. Nothing asserts on time.

    python3 bench/state_bench.py [--berth build/berth] [--duration 5] [--task-definitions 1000]
                                 [--running-tasks 50]
"""

import argparse
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench import SAMPLE, fill, run_wrk  # noqa: E402
from benchlib import (ROOT, Server, berth_argv, git_revision, logger,  # noqa: E402
                      machine, publish, spawn_to_answer_ms)

BEGIN, END = "<!-- state-bench:begin -->", "<!-- state-bench:end -->"
log = logger("state-bench")
PUT_PARAMETER = {"Name": "/bench/url", "Value": "http://db:5432", "Type": "String",
                 "Overwrite": True}


IMAGE = "berth-test/busybox:latest"
ADOPTED = b"adopted "  # the runtime's line once an engine's containers are adopted


def berth(executable, workdir, state_dir=None):
    base = berth_argv(executable)
    if not state_dir:
        return Server("berth", base, workdir)
    # Info: the adoption's line is how the restart's second time is read.
    return Server("berth", lambda port: [a if a != "warn" else "info" for a in base(port)] +
                  ["--state-dir", str(state_dir)], workdir)


def run_service(srv, count):
    """A service of `count` running tasks on the state directory's Berth; returns seconds."""
    start = time.perf_counter()
    srv.call("CreateCluster", {"clusterName": "bench-restart"})
    srv.call("RegisterTaskDefinition", {"family": "bench-restart", "containerDefinitions": [{
        "name": "app", "image": IMAGE, "memory": 16, "essential": True,
        "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]}]})
    srv.call("CreateService", {"cluster": "bench-restart", "serviceName": "web",
                               "taskDefinition": "bench-restart", "desiredCount": count})
    while True:
        [service] = srv.call("DescribeServices", {"cluster": "bench-restart",
                                                  "services": ["web"]})["services"]
        if service["runningCount"] == count:
            return time.perf_counter() - start
        if time.perf_counter() - start > 300:
            raise RuntimeError(f"the service never ran {count} tasks: {service}")
        time.sleep(0.2)


def remove_service(srv, workdir, state_dir):
    """Stops the tasks the restart runs adopted (scaled to 0, then the stragglers by label)."""
    srv.call("UpdateService", {"cluster": "bench-restart", "service": "web", "desiredCount": 0})
    srv.stop()
    instance = (pathlib.Path(state_dir) / "instance-id").read_text().strip()
    ids = subprocess.run(["docker", "ps", "-aq", "--filter", f"label=berth.instance={instance}"],
                         capture_output=True, text=True).stdout.split()
    if ids:
        subprocess.run(["docker", "rm", "-f", *ids], capture_output=True)


def load(server, args):
    out = {}
    for name, operation, body, prefix in (
            ("register", "RegisterTaskDefinition", dict(SAMPLE, family="bench-state"), None),
            ("put_parameter", "PutParameter", PUT_PARAMETER, "AmazonSSM")):
        run_wrk(server.port, operation, body, 2, args.connections, args.threads, prefix)
        out[name] = run_wrk(server.port, operation, body, args.duration, args.connections,
                            args.threads, prefix)
        log(f"{name}: {out[name]['rps']:.0f} req/s, p99 {out[name]['p99_ms']:.2f} ms")
    return out


def restart_ms(executable, workdir, state_dir, kill, adopting):
    """(ms to the first answer, ms to the end of the adoption or None) from spawning Berth on
    `state_dir`, after the last run stopped (SIGTERM: a snapshot) or was killed (SIGKILL: the
    journal is replayed)."""
    srv = berth(executable, workdir, state_dir)
    srv.start()
    srv.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
    srv.process.wait()
    srv.process = None
    log_file = pathlib.Path(workdir) / "berth.log"
    seen = log_file.read_bytes().count(ADOPTED)
    start = time.perf_counter()
    answered = spawn_to_answer_ms(srv, keep=True)
    adopted = None
    while adopting and time.perf_counter() - start < 120:
        if log_file.read_bytes().count(ADOPTED) > seen:
            adopted = (time.perf_counter() - start) * 1000
            break
        time.sleep(0.002)
    srv.stop()
    return answered, adopted


def fmt_ms(value):
    return "(not measured)" if value is None else f"{value:.0f} ms"


def dir_kib(path):
    return sum(f.stat().st_size for f in pathlib.Path(path).rglob("*") if f.is_file()) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--berth", default=str(ROOT / "build/berth"))
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--task-definitions", type=int, default=1000)
    parser.add_argument("--running-tasks", type=int, default=50)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    args.berth = str(pathlib.Path(args.berth).resolve())  # the servers run in workdir
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="berth-state-bench-"))
    try:
        results = {}
        for label, state_dir in (("memory only", None), ("--state-dir", workdir / "load")):
            log(label)
            srv = berth(args.berth, workdir, state_dir).start()
            try:
                results[label] = load(srv, args)
            finally:
                srv.stop()
        state_dir = workdir / "restart"
        srv = berth(args.berth, workdir, state_dir).start()
        try:
            filled = fill(srv, args.task_definitions, 100)
            ran = run_service(srv, args.running_tasks) if args.running_tasks else 0
        finally:
            srv.stop()
        adopting = args.running_tasks > 0
        try:
            clean, clean_adopted = restart_ms(args.berth, workdir, state_dir, False, adopting)
            killed, killed_adopted = restart_ms(args.berth, workdir, state_dir, True, adopting)
            size = dir_kib(state_dir)
        finally:
            if adopting:
                remove_service(berth(args.berth, workdir, state_dir).start(), workdir, state_dir)
        log(f"restart: {clean:.1f} ms after SIGTERM, {killed:.1f} ms after kill -9; adopted "
            f"after {clean_adopted} / {killed_adopted} ms")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    rows = []
    for name, title in (("register", "RegisterTaskDefinition"),
                        ("put_parameter", "SSM PutParameter (Overwrite)")):
        a, b = results["memory only"][name], results["--state-dir"][name]
        rows.append(f"| {title} req/s | {a['rps']:,.0f} | {b['rps']:,.0f} | "
                    f"{b['rps'] / a['rps'] * 100:.0f} % |")
        rows.append(f"| {title} p50 / p99 | {a['p50_ms']:.2f} / {a['p99_ms']:.2f} ms | "
                    f"{b['p50_ms']:.2f} / {b['p99_ms']:.2f} ms | |")
    command = "python3 bench/state_bench.py" + "".join(f" {a}" for a in sys.argv[1:])
    section = "\n".join([
        BEGIN,
        "## --state-dir: the journal's cost per write, and restart (issue 11)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}.",
        f"Berth {git_revision()}. Command: `{command}`",
        "",
        "| | memory only | --state-dir | with / without |",
        "|---|---|---|---|",
        *rows,
        "",
        f"Restart on a state directory of {args.task_definitions:,} task definitions "
        f"(registered in {filled:.2f} s) and a service of {args.running_tasks} running tasks "
        f"(running {ran:.1f} s after CreateService), {size:,.0f} KiB on disk: first answer "
        f"{clean:.1f} ms after a clean stop (snapshot), {killed:.1f} ms after a kill -9 (the "
        f"journal replayed); the {args.running_tasks} tasks' containers adopted "
        f"{fmt_ms(clean_adopted)} and {fmt_ms(killed_adopted)} after the spawn (the runtime "
        "starts once the server answers; the tasks ran on throughout).",
        "",
        f"- Load: `wrk -t {args.threads} -c {args.connections} -d {args.duration}s` with "
        "`bench/ecs_call.lua` after a 2 s warm-up, as the API bench; each request is a write, "
        "and with --state-dir each answer waits for the journal's fdatasync (one per batch of "
        "requests: group commit). RegisterTaskDefinition adds a revision per request, so the "
        "state grows through the run; PutParameter overwrites one parameter.",
        END,
    ])
    publish(section, BEGIN, END, not args.no_write, log)


if __name__ == "__main__":
    main()
