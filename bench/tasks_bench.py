#!/usr/bin/env python3
"""Berth's task start benchmark (issue 3): RunTask to RUNNING against `docker run -d`.

For bridge and awsvpc tasks of the busybox test image, the time from sending RunTask until
DescribeTasks (polled every 10 ms over one keep-alive connection) shows lastStatus RUNNING,
next to `docker run -d` of the same container in the same run (for awsvpc also a pause
container plus the app container joined to it). Then ten tasks in one RunTask, until all run.
Prints a Markdown section; nothing here asserts on time.
Usage: python3 bench/tasks_bench.py [--berth build/berth] [--runs 10]
"""

import argparse
import os
import pathlib
import statistics
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from services_bench import ROOT, IMAGE, COMMAND, docker, start_berth, wait_until  # noqa: E402

LABEL = "berth-bench=tasks"


def register(berth, family, network_mode):
    body = {"family": family, "networkMode": network_mode, "requiresCompatibilities": ["EC2"],
            "containerDefinitions": [{"name": "app", "image": IMAGE, "command": COMMAND,
                                      "memory": 16, "essential": True}]}
    berth.call("RegisterTaskDefinition", body)


def run_to_running(berth, cluster, family, awsvpc, count=1):
    request = {"cluster": cluster, "taskDefinition": family, "count": count}
    if awsvpc:
        request["networkConfiguration"] = {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}
    started = time.perf_counter()
    arns = [t["taskArn"] for t in berth.call("RunTask", request)["tasks"]]

    def all_running():
        tasks = berth.call("DescribeTasks", {"cluster": cluster, "tasks": arns})["tasks"]
        return all(t["lastStatus"] == "RUNNING" for t in tasks)

    wait_until(all_running, 120, f"{family} RUNNING")
    took = time.perf_counter() - started
    for arn in arns:
        berth.call("StopTask", {"cluster": cluster, "task": arn})
    return took


def docker_run(awsvpc):
    started = time.perf_counter()
    if awsvpc:
        pause = docker("run", "-d", "--label", LABEL, IMAGE, "sleep", "3600").strip()
        docker("run", "-d", "--label", LABEL, "--network", f"container:{pause}",
               "--memory", "16m", IMAGE, *COMMAND)
    else:
        docker("run", "-d", "--label", LABEL, "--memory", "16m", IMAGE, *COMMAND)
    took = time.perf_counter() - started
    ids = docker("ps", "-aq", "--filter", f"label={LABEL}").split()
    if ids:
        docker("rm", "-f", *ids)
    return took


def stats(xs):
    xs = sorted(xs)
    return statistics.median(xs) * 1000, xs[min(len(xs) - 1, int(len(xs) * 0.95))] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--berth", default=str(ROOT / "build" / "berth"))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="berth-tasks-bench-") as workdir:
        berth = start_berth(os.path.abspath(args.berth), pathlib.Path(workdir))
        try:
            berth.call("CreateCluster", {"clusterName": "bench"})
            time.sleep(0.5)  # let the runtime register the engine as a container instance
            rows = []
            for mode, awsvpc in (("bridge", False), ("awsvpc", True)):
                register(berth, f"bench-{mode}", mode)
                b = [run_to_running(berth, "bench", f"bench-{mode}", awsvpc)
                     for _ in range(args.runs)]
                d = [docker_run(awsvpc) for _ in range(args.runs)]
                rows.append((mode, stats(b), stats(d)))
            ten = run_to_running(berth, "bench", "bench-bridge", False, count=10)
        finally:
            berth.stop()
    print(f"| mode | Berth RunTask→RUNNING median / p95 | docker run -d median / p95 | added (median) |")
    print("|---|---|---|---|")
    for mode, (bm, bp), (dm, dp) in rows:
        print(f"| {mode} | {bm:.0f} / {bp:.0f} ms | {dm:.0f} / {dp:.0f} ms | {bm - dm:+.0f} ms |")
    print(f"\n10 tasks in one RunTask, all RUNNING: {ten * 1000:.0f} ms")


if __name__ == "__main__":
    main()
