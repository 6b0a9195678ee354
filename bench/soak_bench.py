#!/usr/bin/env python3
"""Berth under a long mixed load (issue 11): does its memory stay bounded when every call that
creates something is followed by one that deletes it? One Berth of its own, loopback only, no
Docker (no task is run: control-plane calls only). --threads client threads, each over one
keep-alive connection, loop for --duration seconds (after a --warmup) over:
  * ECS: CreateCluster of the thread's cluster name, TagResource and ListTagsForResource on
    it, DeleteCluster; RegisterTaskDefinition (the tutorial's sample-fargate JSON, a family of
    the thread's), DeregisterTaskDefinition and DeleteTaskDefinitions of that revision;
  * CloudWatch Logs: CreateLogGroup, CreateLogStream, PutLogEvents (5 events), GetLogEvents,
    DeleteLogGroup;
  * Secrets Manager: CreateSecret, GetSecretValue, DeleteSecret (ForceDeleteWithoutRecovery);
  * SSM: PutParameter, GetParameter, DeleteParameter;
  * STS: GetCallerIdentity (query protocol: a form POST);
  * malformed requests, to ECS, Logs, Secrets Manager and SSM in turn: a body that is not JSON,
    an operation the service does not have, a required member missing, a member of the wrong
    type; and an STS Action that does not exist. Each must be answered with a 4xx.
An error is a well-formed call not answered 200 (or answered something other than what was
stored), a malformed one not answered 4xx, or no answer at all; errors are counted and shown,
not asserted. Berth's VmRSS is read from /proc/PID/status every 0.5 s; reported: requests/s,
the errors, RSS at idle, after the warm-up, at each tenth of the run, at the end and its
maximum, and the slope of RSS over the run's second half (least squares, KiB per minute).
Writes bench/RESULTS.md between the soak-bench markers. Nothing asserts on time or memory.

    python3 bench/soak_bench.py [--berth build/berth] [--duration 120] [--threads 4]
                                [--warmup 5]
"""

import argparse
import collections
import http.client
import json
import pathlib
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench import SAMPLE  # noqa: E402
from benchlib import (ROOT, Server, berth_argv, git_revision, logger,  # noqa: E402
                      machine, publish)

BEGIN, END = "<!-- soak-bench:begin -->", "<!-- soak-bench:end -->"
log = logger("soak-bench")
SAMPLE_EVERY = 0.5  # seconds between two VmRSS samples
JSON_1_1 = "application/x-amz-json-1.1"
FORM = "application/x-www-form-urlencoded; charset=utf-8"
# Each service's X-Amz-Target prefix, and the SigV4 credential scope's service name (which is
# how Berth routes a query-protocol form: STS here).
SERVICES = {"ECS": ("AmazonEC2ContainerServiceV20141113", "ecs"),
            "Logs": ("Logs_20140328", "logs"),
            "SecretsManager": ("secretsmanager", "secretsmanager"),
            "SSM": ("AmazonSSM", "ssm"),
            "STS": (None, "sts")}
# Per service: an operation to send a body that is not JSON, a call missing a required
# member, and one with a member of the wrong type.
MALFORMED = {
    "ECS": ("CreateCluster", ("DeleteCluster", {}), ("CreateCluster", {"clusterName": 42})),
    "Logs": ("CreateLogGroup", ("CreateLogGroup", {}),
             ("CreateLogGroup", {"logGroupName": ["soak"]})),
    "SecretsManager": ("GetSecretValue", ("GetSecretValue", {}),
                       ("GetSecretValue", {"SecretId": 5})),
    "SSM": ("GetParameter", ("GetParameter", {}),
            ("GetParameter", {"Name": "/soak/x", "WithDecryption": "yes"})),
}
NOT_JSON = '{"clusterName": "soak", '
EVENTS = 5


def headers(service, operation=None):
    """A SigV4-shaped request (the signature is not checked) for `service`, as benchlib's."""
    prefix, scope = SERVICES[service]
    out = {"Content-Type": JSON_1_1 if prefix else FORM, "X-Amz-Date": "20250101T000000Z",
           "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/"
                            f"us-east-1/{scope}/aws4_request, SignedHeaders=content-type;host;"
                            "x-amz-date;x-amz-target, Signature=" + "0" * 64}
    if prefix:
        out["X-Amz-Target"] = f"{prefix}.{operation}"
    return out


class Errors:
    """The run's errors, shared by the client threads: a count per call and the first few."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_call = collections.Counter()
        self.examples = []

    def add(self, call, what):
        with self.lock:
            self.by_call[call] += 1
            if len(self.examples) < 10:
                self.examples.append(f"{call}: {what}")

    def total(self):
        with self.lock:
            return sum(self.by_call.values())


class Client:
    """One client thread's keep-alive connection and the loop it sends over it."""

    def __init__(self, port, index, errors):
        self.port, self.index, self.errors = port, index, errors
        self.conn = None
        self.requests = 0  # answered
        self.rounds = 0
        self.dropped = 0  # connections that failed under a request (the request is resent once)
        self.closed = 0  # answers that closed the keep-alive connection (Connection: close)

    def send(self, body, request_headers):
        """(HTTP status, raw body) of one POST; (None, why) when there was no answer."""
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request("POST", "/", body=body, headers=request_headers)
                response = self.conn.getresponse()
                raw = response.read()
                self.requests += 1
                if response.will_close:
                    self.closed += 1
                return response.status, raw
            except (http.client.HTTPException, OSError) as e:
                self.conn.close()
                self.conn = None
                self.dropped += 1
                if attempt == 2:
                    return None, repr(e).encode()

    def call(self, service, operation, body):
        """The decoded answer of a well-formed JSON call; None (an error counted) unless 200."""
        status, raw = self.send(json.dumps(body), headers(service, operation))
        if status != 200:
            self.errors.add(f"{service} {operation}", f"HTTP {status}: {raw[:300]!r}")
            return None
        try:
            return json.loads(raw or b"{}")
        except ValueError:
            self.errors.add(f"{service} {operation}", f"200 but not JSON: {raw[:300]!r}")
            return None

    def check(self, call, answer, predicate):
        """Counts an error unless `predicate(answer)` holds (None: already counted)."""
        if answer is None:
            return
        try:
            ok = predicate(answer)
        except (KeyError, IndexError, TypeError) as e:
            ok, answer = False, f"{answer} ({e!r})"
        if not ok:
            self.errors.add(call, f"unexpected answer: {str(answer)[:300]}")

    def expect_4xx(self, call, body, request_headers):
        status, raw = self.send(body, request_headers)
        if status is None or not 400 <= status < 500:
            self.errors.add(call, f"HTTP {status} (a 4xx expected): {raw[:300]!r}")

    def ecs(self, n):
        cluster = f"soak-{self.index}"
        out = self.call("ECS", "CreateCluster", {"clusterName": cluster})
        if out is not None:
            arn = out["cluster"]["clusterArn"]
            tag = [{"key": "round", "value": str(n)}]
            self.call("ECS", "TagResource", {"resourceArn": arn, "tags": tag})
            self.check("ECS ListTagsForResource",
                       self.call("ECS", "ListTagsForResource", {"resourceArn": arn}),
                       lambda a: a["tags"] == tag)
        self.call("ECS", "DeleteCluster", {"cluster": cluster})
        out = self.call("ECS", "RegisterTaskDefinition", dict(SAMPLE, family=cluster))
        if out is not None:
            arn = out["taskDefinition"]["taskDefinitionArn"]
            self.call("ECS", "DeregisterTaskDefinition", {"taskDefinition": arn})
            self.check("ECS DeleteTaskDefinitions",
                       self.call("ECS", "DeleteTaskDefinitions", {"taskDefinitions": [arn]}),
                       lambda a: not a.get("failures") and len(a["taskDefinitions"]) == 1)

    def logs(self, n):
        group = {"logGroupName": f"/soak/{self.index}"}
        stream = dict(group, logStreamName="app")
        now = int(time.time() * 1000)
        messages = [f"round {n} event {k}" for k in range(EVENTS)]
        self.call("Logs", "CreateLogGroup", group)
        self.call("Logs", "CreateLogStream", stream)
        self.call("Logs", "PutLogEvents", dict(stream, logEvents=[
            {"timestamp": now + k, "message": m} for k, m in enumerate(messages)]))
        self.check("Logs GetLogEvents",
                   self.call("Logs", "GetLogEvents", dict(stream, startFromHead=True)),
                   lambda a: [e["message"] for e in a["events"]] == messages)
        self.call("Logs", "DeleteLogGroup", group)

    def secrets(self, n):
        name = f"soak/{self.index}"
        self.call("SecretsManager", "CreateSecret", {"Name": name, "SecretString": f"s{n}"})
        self.check("SecretsManager GetSecretValue",
                   self.call("SecretsManager", "GetSecretValue", {"SecretId": name}),
                   lambda a: a["SecretString"] == f"s{n}")
        self.call("SecretsManager", "DeleteSecret",
                  {"SecretId": name, "ForceDeleteWithoutRecovery": True})

    def parameters(self, n):
        name = f"/soak/{self.index}"
        self.call("SSM", "PutParameter", {"Name": name, "Value": f"v{n}", "Type": "String"})
        self.check("SSM GetParameter", self.call("SSM", "GetParameter", {"Name": name}),
                   lambda a: a["Parameter"]["Value"] == f"v{n}")
        self.call("SSM", "DeleteParameter", {"Name": name})

    def sts(self):
        status, raw = self.send("Action=GetCallerIdentity&Version=2011-06-15", headers("STS"))
        if status != 200 or b"<Account>" not in raw:
            self.errors.add("STS GetCallerIdentity", f"HTTP {status}: {raw[:300]!r}")

    def malformed(self, n):
        service = list(MALFORMED)[n % len(MALFORMED)]
        not_json, (missing, missing_body), (wrong, wrong_body) = MALFORMED[service]
        self.expect_4xx(f"{service} {not_json} (body not JSON)", NOT_JSON,
                        headers(service, not_json))
        self.expect_4xx(f"{service} NoSuchOperation", "{}", headers(service, "NoSuchOperation"))
        self.expect_4xx(f"{service} {missing} (required member missing)",
                        json.dumps(missing_body), headers(service, missing))
        self.expect_4xx(f"{service} {wrong} (member of the wrong type)", json.dumps(wrong_body),
                        headers(service, wrong))
        self.expect_4xx("STS NoSuchAction", "Action=NoSuchAction&Version=2011-06-15",
                        headers("STS"))

    def round(self):
        n = self.rounds
        try:
            self.ecs(n)
            self.logs(n)
            self.secrets(n)
            self.parameters(n)
            self.sts()
            self.malformed(n)
        except (KeyError, IndexError, TypeError) as e:  # an answer of an unexpected shape
            self.errors.add("the loop", repr(e))
        self.rounds += 1

    def run(self, stop):
        while not stop.is_set():
            self.round()
        if self.conn:
            self.conn.close()


def sample_rss(srv, samples, stop):
    """Appends (perf_counter, VmRSS KiB) every SAMPLE_EVERY s until `stop` or Berth exits."""
    next_at = time.perf_counter()
    while not stop.is_set() and srv.process.poll() is None:
        try:
            samples.append((time.perf_counter(), srv.rss_kib()))
        except (OSError, AttributeError):
            break  # the process is gone
        next_at += SAMPLE_EVERY
        stop.wait(max(0.0, next_at - time.perf_counter()))


def slope_kib_per_minute(points):
    """The least-squares slope of (seconds, KiB) points, in KiB per minute."""
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_r = sum(r for _, r in points) / n
    var = sum((t - mean_t) ** 2 for t, _ in points)
    cov = sum((t - mean_t) * (r - mean_r) for t, r in points)
    return cov / var * 60 if var else 0.0


def nearest(points, t):
    return min(points, key=lambda p: abs(p[0] - t))


def soak(srv, args):
    errors = Errors()
    clients = [Client(srv.port, i, errors) for i in range(args.threads)]
    time.sleep(1)
    idle = srv.rss_kib()
    stop_load, stop_sampling = threading.Event(), threading.Event()
    samples = []
    sampler = threading.Thread(target=sample_rss, args=(srv, samples, stop_sampling))
    threads = [threading.Thread(target=c.run, args=(stop_load,)) for c in clients]
    sampler.start()
    for t in threads:
        t.start()

    def died():
        return srv.process.poll() is not None

    def wait(seconds):
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and not died():
            time.sleep(min(1.0, max(0.0, deadline - time.perf_counter())))

    try:
        wait(args.warmup)
        t0, requests0 = time.perf_counter(), sum(c.requests for c in clients)
        rounds0 = sum(c.rounds for c in clients)
        log(f"warmed up ({args.warmup} s, {requests0:,} requests); soaking for "
            f"{args.duration} s")
        for tenth in range(1, 11):
            wait(args.duration / 10)
            if died():
                break
            log(f"{tenth * 10:3d} %: {sum(c.requests for c in clients) - requests0:,} requests, "
                f"RSS {samples[-1][1]:,} KiB, {errors.total()} errors")
        t1, requests1 = time.perf_counter(), sum(c.requests for c in clients)
        rounds1 = sum(c.rounds for c in clients)
    finally:
        stop_load.set()
        for t in threads:
            t.join()
    exited = srv.process.poll()
    if exited is None:
        time.sleep(1)
    stop_sampling.set()
    sampler.join()
    if exited is not None:
        raise RuntimeError(f"Berth exited with status {exited} during the soak; errors so far: "
                           f"{errors.examples}")
    after = srv.rss_kib()

    run = [(t - t0, r) for t, r in samples if t0 <= t <= t1]
    second_half = [(t, r) for t, r in run if t >= (t1 - t0) / 2]
    return {
        "seconds": t1 - t0, "requests": requests1 - requests0, "rounds": rounds1 - rounds0,
        "rps": (requests1 - requests0) / (t1 - t0), "errors": errors,
        "dropped": sum(c.dropped for c in clients), "closed": sum(c.closed for c in clients),
        "all_requests": sum(c.requests for c in clients),
        "all_rounds": sum(c.rounds for c in clients),
        "idle": idle, "start": run[0], "end": run[-1], "after": after,
        "tenths": [nearest(run, (t1 - t0) * k / 10) for k in range(1, 10)],
        "max": max(run, key=lambda p: p[1]),
        "slope": slope_kib_per_minute(second_half), "second_half_samples": len(second_half),
        "samples": len(run),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--berth", default=str(ROOT / "build/berth"))
    parser.add_argument("--duration", type=int, default=120, help="seconds, after the warm-up")
    parser.add_argument("--warmup", type=int, default=5, help="seconds")
    parser.add_argument("--threads", type=int, default=4, help="client threads (connections)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    args.berth = str(pathlib.Path(args.berth).resolve())  # the server runs in workdir
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="berth-soak-bench-"))
    try:
        srv = Server("berth", berth_argv(args.berth), workdir).start()
        try:
            r = soak(srv, args)
        finally:
            srv.stop()
        berth_log = (workdir / "berth.log").read_text(errors="replace").strip()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    errors = r["errors"]
    log(f"{r['rps']:,.0f} req/s, {errors.total()} errors, RSS {r['start'][1]:,} -> "
        f"{r['end'][1]:,} KiB (max {r['max'][1]:,}), second half {r['slope']:+,.0f} KiB/min")
    for example in errors.examples:
        log(f"error: {example}")
    if berth_log:
        log("Berth's log (warnings and errors):\n" + berth_log[-3000:])

    per_round = r["all_requests"] / r["all_rounds"] if r["all_rounds"] else 0
    rows = [f"| idle, 1 s after the start, before the load | {r['idle']:,} KiB |",
            f"| 0 s (after the {args.warmup} s warm-up) | {r['start'][1]:,} KiB |"]
    rows += [f"| {t:.0f} s | {rss:,} KiB |" for t, rss in r["tenths"]]
    rows += [f"| {r['end'][0]:.0f} s (end) | {r['end'][1]:,} KiB |",
             f"| max during the run ({r['max'][0]:.0f} s) | {r['max'][1]:,} KiB |",
             f"| 1 s after the load stopped | {r['after']:,} KiB |"]
    if errors.total():
        error_lines = ["", "Errors by call: " + ", ".join(
            f"{call} {count:,}" for call, count in errors.by_call.most_common()) + ".",
            "First ones:", *[f"- `{e}`" for e in errors.examples]]
    else:
        error_lines = []
    growth = r["end"][1] - r["start"][1]
    command = "python3 bench/soak_bench.py" + "".join(f" {a}" for a in sys.argv[1:])
    section = "\n".join([
        BEGIN,
        "## Soak: mixed API calls, RSS over time (issue 11)",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}.",
        f"Berth {git_revision()}. Command: `{command}`",
        "",
        f"{args.threads} client threads for {r['seconds']:.0f} s after a {args.warmup} s "
        f"warm-up: {r['requests']:,} requests, **{r['rps']:,.0f} req/s** ({r['rounds']:,} "
        f"rounds of the loop, {per_round:.0f} requests each); **{errors.total()} errors** "
        f"(whole run, warm-up included); {r['dropped']} connections dropped, {r['closed']} "
        "answers closing their connection.",
        "",
        "| elapsed | Berth's VmRSS |",
        "|---|---|",
        *rows,
        "",
        f"RSS slope over the second half of the run: **{r['slope']:+,.0f} KiB/minute** (least "
        f"squares over its {r['second_half_samples']} samples); {growth:+,} KiB from the start "
        f"to the end, {growth / r['rounds'] * 1024 if r['rounds'] else 0:,.0f} bytes per round. "
        "Everything a round creates it deletes. Of a family's deleted revisions Berth keeps "
        "the newest alone (the next revision's number follows it), so each thread's family "
        "holds one revision between rounds (compare the bytes per round with the API "
        "section's RSS per stored task definition).",
        *error_lines,
        "",
        "- The loop, each thread over one keep-alive connection (http.client), names of its "
        "own: ECS CreateCluster, TagResource, ListTagsForResource, DeleteCluster, "
        "RegisterTaskDefinition (sample-fargate JSON), DeregisterTaskDefinition, "
        f"DeleteTaskDefinitions; Logs CreateLogGroup, CreateLogStream, PutLogEvents ({EVENTS} "
        "events), GetLogEvents, DeleteLogGroup; Secrets Manager CreateSecret, GetSecretValue, "
        "DeleteSecret (ForceDeleteWithoutRecovery); SSM PutParameter, GetParameter, "
        "DeleteParameter; STS GetCallerIdentity (query protocol); then 5 malformed requests "
        "(a body that is not JSON, an unknown operation, a required member missing, a member "
        "of the wrong type, to ECS, Logs, Secrets Manager and SSM in turn; an unknown STS "
        "Action). An error: a well-formed call not answered 200 or answered other than what "
        "was stored (tags, events, secret, parameter), a malformed one not answered 4xx, no "
        "answer.",
        f"- RSS: VmRSS from /proc/PID/status every {SAMPLE_EVERY} s ({r['samples']} samples in "
        "the run); the tenths are the samples nearest to them. Berth runs with `--log-level "
        "warn` and its default threads, no Docker engine; the Python clients (one GIL) share "
        "the machine's cores with it, so the req/s is bounded by the clients as much as by "
        "Berth.",
        END,
    ])
    publish(section, BEGIN, END, not args.no_write, log)


if __name__ == "__main__":
    main()
