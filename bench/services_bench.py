#!/usr/bin/env python3
"""Berth's services benchmark (bench/services_run.sh is the entry point).

Measures on the local Docker engine, against a Berth of its own:
  * CreateService with desiredCount 1, 10 and 30 to steady state: the time until
    DescribeServices shows what `aws ecs wait services-stable` waits for (one deployment,
    runningCount == desiredCount) and the deployment COMPLETED, polled every 10 ms;
  * `docker kill` of a service's container to its replacement task RUNNING (several kills,
    each of a task that had run long enough not to count as a failed start);
and, in the same run, raw Docker doing the same work: `docker run -d` of the same containers
(as many at once as Berth's runtime runs: 8), and of one container. Results are printed and
written to bench/RESULTS.md between the services-bench markers (other sections are left
alone). Nothing here asserts on time.
"""

import argparse
import concurrent.futures
import datetime
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from benchlib import (HERE, ROOT, Server, berth_argv, cpu_model, git_revision,  # noqa: E402
                      logger, write_section)

BEGIN, END = "<!-- services-bench:begin -->", "<!-- services-bench:end -->"
IMAGE = "berth-test/busybox:latest"
# Exits at once on SIGTERM, as a well-behaved service container does.
COMMAND = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
RUNTIME_WORKERS = 8  # runtime::RuntimeOptions::workers
POLL = 0.01
log = logger("services-bench")


def start_berth(executable, workdir):
    """A Berth of its own on a free loopback port, answering."""
    return Server("berth", berth_argv(executable), workdir).start()


def docker(*args, check=True):
    return subprocess.run(["docker", *args], capture_output=True, text=True, check=check).stdout


def wait_until(condition, timeout, what):
    deadline = time.perf_counter() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.perf_counter() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(POLL)


def describe(berth, cluster, service):
    return berth.call("DescribeServices", {"cluster": cluster, "services": [service]})["services"][0]


def is_steady(s):
    deployments = s["deployments"]
    return (len(deployments) == 1 and s["runningCount"] == s["desiredCount"]
            and deployments[0]["rolloutState"] == "COMPLETED")


def running_tasks(berth, cluster, service):
    arns = berth.call("ListTasks", {"cluster": cluster, "serviceName": service})["taskArns"]
    if not arns:
        return []
    tasks = berth.call("DescribeTasks", {"cluster": cluster, "tasks": arns})["tasks"]
    return [t for t in tasks if t["lastStatus"] == "RUNNING"]


def delete_service(berth, cluster, service):
    berth.call("DeleteService", {"cluster": cluster, "service": service, "force": True})
    wait_until(lambda: describe(berth, cluster, service)["status"] == "INACTIVE", 120,
               f"{service} to drain")


def create_to_steady(berth, cluster, family, desired, run):
    name = f"bench-{desired}-{run}"
    started = time.perf_counter()
    berth.call("CreateService", {"cluster": cluster, "serviceName": name, "taskDefinition": family,
                                 "desiredCount": desired})
    all_running = None

    def steady():
        nonlocal all_running
        s = describe(berth, cluster, name)
        if all_running is None and s["runningCount"] == desired:
            all_running = time.perf_counter()
        return is_steady(s)

    wait_until(steady, 300, f"{name} to reach a steady state")
    done = time.perf_counter()
    delete_service(berth, cluster, name)
    return {"running": all_running - started, "steady": done - started}


def kill_to_replacement(berth, cluster, family, kills):
    name = "bench-kill"
    berth.call("CreateService", {"cluster": cluster, "serviceName": name, "taskDefinition": family,
                                 "desiredCount": kills})
    wait_until(lambda: is_steady(describe(berth, cluster, name)), 300, "the kill service")
    # A task stopped before it ran 10 s counts as a failed start (launch throttle): let the
    # victims age first.
    time.sleep(11)
    victims = [t["taskArn"] for t in running_tasks(berth, cluster, name)]
    times = []
    for victim in victims:
        known = {t["taskArn"] for t in running_tasks(berth, cluster, name)}
        container = docker("ps", "-q", "--filter", f"label=com.amazonaws.ecs.task-arn={victim}").split()
        started = time.perf_counter()
        docker("kill", *container)
        wait_until(lambda: any(t["taskArn"] not in known
                               for t in running_tasks(berth, cluster, name)),
                   120, "a replacement task")
        times.append(time.perf_counter() - started)
        wait_until(lambda: is_steady(describe(berth, cluster, name)), 120, "steady again")
    delete_service(berth, cluster, name)
    return times


def raw_docker_run(count, label):
    """`docker run -d` of `count` containers, RUNTIME_WORKERS at a time; seconds until all run."""
    def one(_):
        docker("run", "-d", "--label", label, "--memory", "16m", IMAGE, *COMMAND)

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(RUNTIME_WORKERS) as pool:
        list(pool.map(one, range(count)))
    took = time.perf_counter() - started
    remove_labelled(label)
    return took


def remove_labelled(label):
    ids = docker("ps", "-aq", "--filter", f"label={label}").split()
    if ids:
        docker("rm", "-f", *ids)


def median(xs):
    return statistics.median(xs)


def p95(xs):
    ordered = sorted(xs)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(args, workdir):
    label = f"org.berth.bench={uuid.uuid4().hex[:12]}"
    berth = start_berth(args.berth, workdir)
    results = {"create": {}, "raw": {}}
    try:
        cluster = "bench"
        berth.call("CreateCluster", {"clusterName": cluster})
        wait_until(lambda: berth.call("ListContainerInstances", {"cluster": cluster})[
            "containerInstanceArns"], 30, "the container instance")
        family = berth.call("RegisterTaskDefinition", {"family": "bench", "containerDefinitions": [
            {"name": "app", "image": IMAGE, "memory": 16, "essential": True,
             "command": COMMAND}]})["taskDefinition"]["taskDefinitionArn"]
        # One warm-up of each, so that neither side pays for a cold image cache.
        create_to_steady(berth, cluster, family, 1, "warm")
        raw_docker_run(1, label)
        for desired in args.counts:
            runs = []
            raws = []
            for run in range(args.runs):
                log(f"CreateService desired {desired}, run {run + 1}/{args.runs}")
                runs.append(create_to_steady(berth, cluster, family, desired, run))
                raws.append(raw_docker_run(desired, label))
            results["create"][desired] = runs
            results["raw"][desired] = raws
        log(f"docker kill → replacement RUNNING, {args.kills} kills")
        results["kill"] = kill_to_replacement(berth, cluster, family, args.kills)
        results["raw_one"] = [raw_docker_run(1, label) for _ in range(args.kills)]
    finally:
        berth.stop()
        remove_labelled(label)
    return results


def machine():
    cpu = cpu_model()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    engine = docker("version", "--format", "{{.Server.Version}}", check=False).strip()
    return (f"kernel {platform.release()} {platform.machine()}, {cpu}, {os.cpu_count()} cores, "
            f"Docker engine {engine or 'unknown'} (load average at the end: {load})")


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def report(results, args):
    now = datetime.datetime.now().astimezone()
    lines = [
        BEGIN,
        "## Services: convergence on the local engine",
        "",
        f"`{args.command}` — {now:%Y-%m-%d %H:%M %Z}, revision {git_revision()}; "
        f"{machine()}.",
        "",
        "CreateService to steady state (DescribeServices polled every 10 ms: one deployment, "
        "runningCount = desiredCount, rollout COMPLETED) against `docker run -d` of the same "
        f"containers, {RUNTIME_WORKERS} at a time as Berth's runtime runs them, in the same run; "
        f"median of {args.runs} runs. Bridge network, `{IMAGE}`.",
        "",
        "| desiredCount | all RUNNING | steady state | raw `docker run -d` ×N | steady − raw |",
        "|---|---|---|---|---|",
    ]
    for desired, runs in results["create"].items():
        running = median([r["running"] for r in runs])
        steady = median([r["steady"] for r in runs])
        raw = median(results["raw"][desired])
        lines.append(f"| {desired} | {ms(running)} | {ms(steady)} | {ms(raw)} | "
                     f"{ms(steady - raw)} |")
    kill, raw_one = results["kill"], results["raw_one"]
    lines += [
        "",
        f"`docker kill` of a service's container to its replacement task RUNNING ({len(kill)} "
        "kills, each of a task that had run over 10 s), against `docker run -d` of one "
        "container:",
        "",
        "| | median | p95 | max |",
        "|---|---|---|---|",
        f"| kill → replacement RUNNING | {ms(median(kill))} | {ms(p95(kill))} | {ms(max(kill))} |",
        f"| raw `docker run -d` (one) | {ms(median(raw_one))} | {ms(p95(raw_one))} | "
        f"{ms(max(raw_one))} |",
        "",
        "The replacement includes noticing the exit through Docker's event stream, the "
        "scheduler's pass, and creating and starting the new container.",
        END,
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--berth", default=str(ROOT / "build" / "berth"))
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--command", default="bash bench/services_run.sh",
                        help="the command line recorded in RESULTS.md")
    args = parser.parse_args()
    args.berth = os.path.abspath(args.berth)  # the server runs in a scratch directory
    with tempfile.TemporaryDirectory(prefix="berth-services-bench-") as workdir:
        results = measure(args, pathlib.Path(workdir))
    section = report(results, args)
    print(section)
    write_section(args.results, BEGIN, END, section)
    log(f"written to {args.results}")


if __name__ == "__main__":
    main()
