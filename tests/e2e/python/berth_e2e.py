"""Shared helpers for the boto3 suite.

Every client made here records the raw body of every response Berth sends and checks it
against the output shape of the operation in its service's model (api-models/): no
member the shape does not declare, the declared JSON type for every value (timestamps as
epoch seconds), no nulls. Error bodies must carry a string __type and message. The check
runs in the client, independently of the server's own --strict-responses check.
"""

import itertools
import json
import os
import pathlib
import subprocess
import time
import unittest
import urllib.error
import urllib.request

import boto3
import botocore.config
import botocore.exceptions

ENDPOINT = os.environ.get("BERTH_ENDPOINT", "")
RUN_ID = os.environ.get("BERTH_RUN_ID") or str(os.getpid())
ACCOUNT = "000000000000"
REGION = "us-east-1"
TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113"

E2E_DIR = pathlib.Path(__file__).resolve().parent.parent
SOURCE_DIR = pathlib.Path(os.environ.get("BERTH_SOURCE_DIR") or E2E_DIR.parent.parent)
MODELS_DIR = SOURCE_DIR / "api-models"
SAMPLE_FARGATE = E2E_DIR / "data" / "sample-fargate.json"

_counter = itertools.count(1)


def unique_name(prefix):
    """A name no other test (or earlier run against the same server) uses."""
    return f"{prefix}-{RUN_ID}-{os.getpid()}-{next(_counter)}"


def cluster_arn(name, region=REGION, account=ACCOUNT):
    return f"arn:aws:ecs:{region}:{account}:cluster/{name}"


def task_definition_arn(family_revision, region=REGION, account=ACCOUNT):
    return f"arn:aws:ecs:{region}:{account}:task-definition/{family_revision}"


def load_sample_fargate():
    """The getting-started tutorial's task definition, exactly as the tutorial prints it."""
    with open(SAMPLE_FARGATE, encoding="utf-8") as f:
        return json.load(f)


class ShapeChecker:
    """Checks JSON values against the output shapes of a botocore-format service model."""

    _NUMBER_TYPES = ("float", "double")
    _INTEGER_TYPES = ("integer", "long")

    def __init__(self, model_path):
        with open(model_path, encoding="utf-8") as f:
            model = json.load(f)
        self.operations = model["operations"]
        self.shapes = model["shapes"]

    def check_output(self, operation, body):
        """Problems (strings) with a 200 response body of `operation`; empty when it conforms."""
        op = self.operations.get(operation)
        if op is None:
            return [f"{operation}: not an operation of the model"]
        try:
            value = json.loads(body) if body.strip() else {}
        except ValueError as e:
            return [f"{operation}: response body is not JSON ({e})"]
        if "output" not in op:
            return [] if value == {} else [f"{operation}: has no output shape but returned {value!r}"]
        problems = []
        self._check(op["output"]["shape"], value, operation, problems)
        return problems

    def check_error(self, operation, body):
        """Problems with an error response body: {"__type": str, "message": str, ...}."""
        try:
            value = json.loads(body)
        except ValueError as e:
            return [f"{operation} error: body is not JSON ({e}): {body[:200]!r}"]
        if not isinstance(value, dict):
            return [f"{operation} error: body is not an object: {value!r}"]
        problems = []
        error_type = value.get("__type")
        if not isinstance(error_type, str) or not error_type:
            problems.append(f"{operation} error: __type missing or not a string: {value!r}")
            return problems
        short = error_type.split("#")[-1]
        shape = self.shapes.get(short)
        members = set(shape.get("members", {})) if shape and shape.get("exception") else set()
        for key, member_value in value.items():
            if key == "__type":
                continue
            if key.lower() == "message":
                if not isinstance(member_value, str):
                    problems.append(f"{operation} error: message is not a string")
            elif key not in members:
                problems.append(f"{operation} error {short}: unknown member {key!r}")
        return problems

    def _check(self, shape_name, value, path, problems):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if value is None:
            problems.append(f"{path}: null ({shape_name}); absent members must be omitted")
        elif kind == "structure":
            if not isinstance(value, dict):
                problems.append(f"{path}: expected an object ({shape_name}), got {value!r}")
                return
            members = shape.get("members", {})
            for key, member_value in value.items():
                if key not in members:
                    problems.append(f"{path}: unknown member {key!r} (not in {shape_name})")
                else:
                    self._check(members[key]["shape"], member_value, f"{path}.{key}", problems)
        elif kind == "list":
            if not isinstance(value, list):
                problems.append(f"{path}: expected a list ({shape_name}), got {value!r}")
                return
            for i, item in enumerate(value):
                self._check(shape["member"]["shape"], item, f"{path}[{i}]", problems)
        elif kind == "map":
            if not isinstance(value, dict):
                problems.append(f"{path}: expected a map ({shape_name}), got {value!r}")
                return
            for key, item in value.items():
                self._check(shape["value"]["shape"], item, f"{path}[{key!r}]", problems)
        elif kind in ("string", "blob"):
            if not isinstance(value, str):
                problems.append(f"{path}: expected a string ({shape_name}), got {value!r}")
        elif kind == "boolean":
            if not isinstance(value, bool):
                problems.append(f"{path}: expected a boolean ({shape_name}), got {value!r}")
        elif kind in self._INTEGER_TYPES:
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(f"{path}: expected an integer ({shape_name}), got {value!r}")
        elif kind in self._NUMBER_TYPES or kind == "timestamp":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                what = "epoch seconds" if kind == "timestamp" else "a number"
                problems.append(f"{path}: expected {what} ({shape_name}), got {value!r}")
        else:
            problems.append(f"{path}: shape type {kind!r} is not checked by this suite")


_CHECKERS = {}


def shape_checker(service="ecs"):
    """The checker of a service's model, by botocore's service name ("ecs", "logs", "ssm",
    "secretsmanager", ...): api-models/<service>-<version>.service.json."""
    if service not in _CHECKERS:
        (path,) = MODELS_DIR.glob(f"{service}-????-??-??.service.json")
        _CHECKERS[service] = ShapeChecker(path)
    return _CHECKERS[service]


class ResponseRecorder:
    """Hooks a botocore client and checks every raw response body it receives."""

    def __init__(self):
        self.count = 0
        self.problems = []

    def attach(self, client):
        service_id = client.meta.service_model.service_id.hyphenize()
        client.meta.events.register(f"before-parse.{service_id}.*", self._on_response)
        return client

    def _on_response(self, operation_model, response_dict, **_):
        self.count += 1
        service = operation_model.service_model
        if service.protocol != "json":
            return  # query/XML services (STS, ELBv2): their suites check the XML themselves
        status = response_dict["status_code"]
        body = response_dict["body"]
        body = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        name = operation_model.name
        checker = shape_checker(service.service_name)
        if status == 200:
            self.problems += checker.check_output(name, body)
        elif 400 <= status < 500:
            self.problems += checker.check_error(name, body)
        else:
            self.problems.append(f"{name}: HTTP {status}: {body[:500]}")


def make_client(recorder=None, region=REGION, access_key="AKIAIOSFODNN7EXAMPLE", service="ecs",
                secret_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", session_token=None,
                endpoint=None, **config):
    """A client of `service` (botocore's name: "ecs", "logs", "secretsmanager", "ssm", "sts")
    for Berth; one attempt per call so that failures surface at once."""
    endpoint = endpoint or ENDPOINT  # another Berth than the suite's (a restart test's own)
    if not endpoint:
        raise unittest.SkipTest("BERTH_ENDPOINT is not set: run through tests/e2e/run-suite.sh")
    options = {"retries": {"total_max_attempts": 1}}
    options.update(config)
    client = boto3.session.Session().client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        aws_session_token=session_token,
        config=botocore.config.Config(**options),
    )
    return recorder.attach(client) if recorder else client


def stop_tasks_and_delete_cluster(ecs, cluster):
    """A test's clean-up: stops what still runs in `cluster`, waits for it, deletes the cluster."""
    running = ecs.list_tasks(cluster=cluster)["taskArns"]
    for arn in running:
        ecs.stop_task(cluster=cluster, task=arn, reason="test cleanup")
    if running:
        ecs.get_waiter("tasks_stopped").wait(cluster=cluster, tasks=running,
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 90})
    ecs.delete_cluster(cluster=cluster)


def delete_service_and_wait(ecs, cluster, name):
    """Deletes the service (force) and waits until it is INACTIVE."""
    ecs.delete_service(cluster=cluster, service=name, force=True)
    ecs.get_waiter("services_inactive").wait(cluster=cluster, services=[name],
                                             WaiterConfig={"Delay": 1, "MaxAttempts": 90})


def running_service_tasks(test, ecs, cluster, service, count, timeout=90):
    """The service's tasks once exactly `count` are desired RUNNING and all of them run."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        arns = ecs.list_tasks(cluster=cluster, serviceName=service,
                              desiredStatus="RUNNING")["taskArns"]
        if len(arns) == count:
            tasks = ecs.describe_tasks(cluster=cluster, tasks=arns)["tasks"]
            if all(t["lastStatus"] == "RUNNING" for t in tasks):
                return tasks
        time.sleep(0.5)
    test.fail(f"{service} never ran {count} tasks")


def discovered_instances(test, sd, namespace, service, count, timeout=60):
    """DiscoverInstances' instances (HealthStatus ALL) once there are exactly `count`."""
    found = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = sd.discover_instances(NamespaceName=namespace, ServiceName=service,
                                      HealthStatus="ALL")["Instances"]
        if len(found) == count:
            return found
        time.sleep(0.5)
    test.fail(f"{service} never had {count} instances in Cloud Map: {found}")


def task_containers(task_arn):
    """The ids of the Docker containers (running or not) labelled with the task's ARN."""
    out = subprocess.run(["docker", "ps", "-aq", "--filter",
                          f"label=com.amazonaws.ecs.task-arn={task_arn}"],
                         check=True, capture_output=True, text=True).stdout
    return out.split()


def task_address(task):
    """An awsvpc task's private IPv4 address, from its ENI attachment."""
    details = task["attachments"][0]["details"]
    return next(d["value"] for d in details if d["name"] == "privateIPv4Address")


def raw_request(body, target=None, headers=None, method="POST", path="/"):
    """Sends bytes to Berth without any SDK: (status, headers, body bytes)."""
    all_headers = {"Content-Type": "application/x-amz-json-1.1"}
    if target is not None:
        all_headers["X-Amz-Target"] = target
    all_headers.update(headers or {})
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(ENDPOINT + path, data=data, headers=all_headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def http_get(url, attempts=20):
    """The body at `url`, retried every 0.25 s: a RUNNING container may need a moment to listen."""
    last = None
    for _ in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError as e:
            last = e
            time.sleep(0.25)
    raise AssertionError(f"nothing answered at {url}: {last}")


class BerthTestCase(unittest.TestCase):
    """A test with `self.ecs` (a checked boto3 client; `self.client(service="logs")` makes
    others) and helpers for AWS errors.

    Each test ends by asserting that every response it received conforms to the model.
    """

    def setUp(self):
        self.recorder = ResponseRecorder()
        self.ecs = self.client()

    def client(self, **kwargs):
        return make_client(self.recorder, **kwargs)

    def tearDown(self):
        problems = getattr(self, "recorder", None) and self.recorder.problems
        if problems:
            self.fail("responses that do not match the model's output shapes:\n  "
                      + "\n  ".join(problems))

    def cluster_with_instance(self, prefix):
        """A new cluster, deleted after the test, once Berth has registered its engine in it."""
        cluster = unique_name(prefix)
        self.ecs.create_cluster(clusterName=cluster)
        self.addCleanup(self.ecs.delete_cluster, cluster=cluster)
        self.container_instances(cluster)
        return cluster

    def container_instances(self, cluster, ecs=None):
        """The cluster's container instance ARNs, once Berth has registered its engine in it:
        it does so right after CreateCluster answers, so an EC2 RunTask must wait for it."""
        ecs = ecs or self.ecs
        for _ in range(40):
            arns = ecs.list_container_instances(cluster=cluster)["containerInstanceArns"]
            if arns:
                return arns
            time.sleep(0.25)
        self.fail(f"Berth registered no container instance in {cluster}")

    def assertAwsError(self, exception_class, call, *args, **kwargs):
        """call(*args, **kwargs) must raise `exception_class`; returns the botocore error."""
        with self.assertRaises(exception_class) as ctx:
            call(*args, **kwargs)
        error = ctx.exception.response["Error"]
        self.assertTrue(error.get("Message"), f"{error.get('Code')} carries no message")
        self.assertEqual(400, ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        return ctx.exception

    def assertErrorCodeIn(self, codes, call, *args, **kwargs):
        """For inputs where ECS's exact exception varies: the code must be one of `codes`."""
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            call(*args, **kwargs)
        error = ctx.exception.response["Error"]
        self.assertIn(error["Code"], codes, f"message: {error.get('Message')}")
        self.assertEqual(400, ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"])
        return ctx.exception


def tags_dict(tags):
    return {t["key"]: t["value"] for t in tags or []}
