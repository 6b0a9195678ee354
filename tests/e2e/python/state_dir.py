"""--state-dir (issue 11) with boto3: a Berth of the test's own, stopped (SIGTERM, then kill -9)
and started again on the same directory, answers with the same cluster, task definitions
(revisions keep counting), service and deployments. Its tasks ran on while it was down, and the
new run adopts them: the same task ARNs, RUNNING, with the same containers and ports, and the
service carries on from there (no duplicate). A task whose container went away meanwhile is
STOPPED with a reason that says so and replaced; a container of this Berth that no task records
is removed. An adopted task's awslogs output goes on where it left off (nothing twice), and its
task endpoints answer again. The stores around ECS come back too: secrets (binary ones too),
parameters with their versions and labels, log groups with their streams and events; load
balancers whose listeners forward again, and Cloud Map namespaces, services and instances. A
journal whose end tore is cut there, with one warning, and Berth starts with what came before.

Needs the real engine (docker/engine.sh, docker/test-images.sh) and BERTH_BINARY."""
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

from berth_e2e import (BerthTestCase, ResponseRecorder, http_get, running_service_tasks,
                       task_containers, unique_name)
from test_elbv2_forwarding import get, start_server

BERTH_BINARY = os.environ.get("BERTH_BINARY", "")
BUSYBOX_IMAGE = "berth-test/busybox:latest"
VANISHED_REASON = "DockerStateError: container removed while Berth was down"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StateDirTest(BerthTestCase):
    def setUp(self):
        if not BERTH_BINARY:
            raise unittest.SkipTest("BERTH_BINARY is not set")
        self.recorder = ResponseRecorder()
        self.state_dir = tempfile.mkdtemp(prefix="berth-state-")
        self.log_path = self.state_dir + ".log"
        self.berth = None

    def tearDown(self):
        if self.berth and self.berth.poll() is None:
            self.stop_berth(signal.SIGTERM)  # leaves its tasks running, as ECS's agent does
        for container in self.containers_of_this_berth():
            subprocess.run(["docker", "rm", "-f", container], capture_output=True)
        with open(self.log_path) as log:  # what the state directory and the runs said
            print("".join(l for l in log if " state: " in l or " adopted " in l or "[error]" in l or "[warn" in l))
        shutil.rmtree(self.state_dir, ignore_errors=True)
        os.unlink(self.log_path)
        super().tearDown()

    def containers_of_this_berth(self, running_only=False):
        try:
            with open(os.path.join(self.state_dir, "instance-id")) as f:
                instance = f.read().strip()
        except FileNotFoundError:
            return []
        out = subprocess.run(["docker", "ps", "-q" if running_only else "-aq", "--filter",
                              f"label=berth.instance={instance}"],
                             check=True, capture_output=True, text=True).stdout
        return out.split()

    def start_berth(self, task_endpoints=False):
        port = free_port()
        log = open(self.log_path, "a")
        # Task DNS off: the suite's own Berth holds port 53 of the networks' gateways. Task
        # endpoints bind a port of their own, so they can be on.
        flags = [] if task_endpoints else ["--no-task-endpoints"]
        self.berth = subprocess.Popen(
            [BERTH_BINARY, "--listen", f"127.0.0.1:{port}", "--strict-responses",
             "--state-dir", self.state_dir, "--no-task-dns", *flags],
            stdout=log, stderr=subprocess.STDOUT)
        log.close()
        endpoint = f"http://127.0.0.1:{port}"
        for _ in range(200):
            self.assertIsNone(self.berth.poll(), "Berth exited at start")
            try:
                urllib.request.urlopen(endpoint + "/health", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        self.ecs = self.client(endpoint=endpoint)
        self.endpoint = endpoint

    def stop_berth(self, sig):
        self.berth.send_signal(sig)
        code = self.berth.wait(timeout=120)
        if sig == signal.SIGTERM:
            self.assertEqual(code, 0, "Berth did not exit cleanly on SIGTERM")

    def register(self, family):
        return self.ecs.register_task_definition(
            family=family,
            containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                   "essential": True, "command": ["sleep", "600"]}],
        )["taskDefinition"]

    def service_with_a_task(self):
        """Cluster, family with revisions 1 and 2, a service of 2 running one task."""
        cluster = unique_name("state")
        family = unique_name("state-family")
        cluster_arn = self.ecs.create_cluster(clusterName=cluster)["cluster"]["clusterArn"]
        self.assertEqual(self.register(family)["revision"], 1)
        self.assertEqual(self.register(family)["revision"], 2)
        self.ecs.create_service(cluster=cluster, serviceName="web", taskDefinition=f"{family}:2",
                                desiredCount=1)
        [task] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        service = self.ecs.describe_services(cluster=cluster, services=["web"])["services"][0]
        return cluster, cluster_arn, family, service, task

    def check_restored(self, cluster, cluster_arn, family, service):
        [again] = self.ecs.describe_clusters(clusters=[cluster])["clusters"]
        self.assertEqual((again["clusterArn"], again["status"]), (cluster_arn, "ACTIVE"))
        revisions = self.ecs.list_task_definitions(familyPrefix=family)["taskDefinitionArns"]
        self.assertEqual([arn.rsplit(":", 1)[1] for arn in revisions], ["1", "2"])
        self.assertEqual(self.register(family)["revision"], 3)

        [restored] = self.ecs.describe_services(cluster=cluster, services=["web"])["services"]
        self.assertEqual(restored["serviceArn"], service["serviceArn"])
        self.assertEqual(restored["taskDefinition"], service["taskDefinition"])
        self.assertEqual([d["id"] for d in restored["deployments"]],
                         [d["id"] for d in service["deployments"]])
        before = {e["id"] for e in service["events"]}
        self.assertTrue(before <= {e["id"] for e in restored["events"]})

    def check_adopted(self, cluster, task):
        """The task runs on under the new Berth: same ARN, containers and ports, no duplicate;
        and the service's scheduler carries on from it."""
        [again] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        self.assertEqual(again["taskArn"], task["taskArn"])
        self.assertEqual([c["runtimeId"] for c in again["containers"]],
                         [c["runtimeId"] for c in task["containers"]])
        self.assertEqual([c.get("networkBindings") for c in again["containers"]],
                         [c.get("networkBindings") for c in task["containers"]])
        self.assertEqual(again["startedAt"], task["startedAt"])
        self.ecs.update_service(cluster=cluster, service="web", desiredCount=2)
        arns = {t["taskArn"] for t in running_service_tasks(self, self.ecs, cluster, "web", 2)}
        self.assertIn(task["taskArn"], arns)
        self.assertEqual(len(self.containers_of_this_berth(running_only=True)), 2)

    def test_sigterm_restart_adopts_the_running_task(self):
        self.start_berth()
        *state, task = self.service_with_a_task()
        self.stop_berth(signal.SIGTERM)
        self.assertEqual(len(self.containers_of_this_berth(running_only=True)), 1,
                         "the task did not run on while Berth was down")
        self.start_berth()
        self.check_restored(*state)
        self.check_adopted(state[0], task)

    def test_kill_9_restart_adopts_the_running_task(self):
        self.start_berth()
        *state, task = self.service_with_a_task()
        self.stop_berth(signal.SIGKILL)
        self.start_berth()
        self.check_restored(*state)
        self.check_adopted(state[0], task)

    def test_vanished_containers_and_orphans(self):
        """While Berth is down its task's container is removed and a container no task records
        appears with its labels: the task is STOPPED with a reason, the service replaces it, and
        the stray container is removed."""
        self.start_berth()
        cluster, _, _, _, task = self.service_with_a_task()
        self.stop_berth(signal.SIGTERM)
        [container] = task_containers(task["taskArn"])
        subprocess.run(["docker", "rm", "-f", container], check=True, capture_output=True)
        with open(os.path.join(self.state_dir, "instance-id")) as f:
            instance = f.read().strip()
        stray_arn = task["taskArn"].rsplit("/", 1)[0] + "/0123456789abcdef0123456789abcdef"
        stray = subprocess.run(
            ["docker", "run", "-d", "--label", f"berth.instance={instance}",
             "--label", f"com.amazonaws.ecs.task-arn={stray_arn}", BUSYBOX_IMAGE, "sleep", "600"],
            check=True, capture_output=True, text=True).stdout.strip()
        self.addCleanup(subprocess.run, ["docker", "rm", "-f", stray], capture_output=True)

        self.start_berth()
        [old] = self.ecs.describe_tasks(cluster=cluster, tasks=[task["taskArn"]])["tasks"]
        for _ in range(100):
            if old["lastStatus"] == "STOPPED":
                break
            time.sleep(0.2)
            [old] = self.ecs.describe_tasks(cluster=cluster, tasks=[task["taskArn"]])["tasks"]
        self.assertEqual(old["lastStatus"], "STOPPED")
        self.assertEqual(old["stopCode"], "EssentialContainerExited")
        self.assertEqual(old["containers"][0]["reason"], VANISHED_REASON)
        [new] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        self.assertNotEqual(new["taskArn"], task["taskArn"])
        self.assertEqual(task_containers(stray_arn), [], "the stray container is still there")

    def test_adopted_task_logs_on_and_reaches_its_endpoints(self):
        """An awsvpc task with a role and awslogs: after a kill -9 and a restart, what it prints
        reaches its stream once (the earlier run's events are not read twice), and the new run
        answers its credentials and metadata requests at 169.254.170.2."""
        self.start_berth(task_endpoints=True)
        logs = self.client(endpoint=self.endpoint, service="logs")
        group = "/" + unique_name("state-adopt")
        cluster = unique_name("state-adopt")
        self.ecs.create_cluster(clusterName=cluster)
        family = unique_name("state-adopt")
        script = ('echo before; while [ ! -f /tmp/go ]; do sleep 0.2; done; '
                  'wget -q -O /dev/null "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"'
                  ' && echo credentials ok || echo credentials FAILED; '
                  'wget -q -O /dev/null "$ECS_CONTAINER_METADATA_URI_V4/task"'
                  ' && echo metadata ok || echo metadata FAILED; sleep 600')
        self.ecs.register_task_definition(
            family=family, networkMode="awsvpc", cpu="256", memory="512",
            requiresCompatibilities=["FARGATE"],
            taskRoleArn="arn:aws:iam::000000000000:role/app",
            containerDefinitions=[{
                "name": "app", "image": BUSYBOX_IMAGE, "essential": True,
                "command": ["sh", "-c", script],
                "logConfiguration": {"logDriver": "awslogs", "options": {
                    "awslogs-group": group, "awslogs-region": "us-east-1",
                    "awslogs-create-group": "true", "awslogs-stream-prefix": "app"}}}])
        self.ecs.create_service(
            cluster=cluster, serviceName="web", taskDefinition=family, desiredCount=1,
            launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {
                "subnets": ["subnet-12345678"], "assignPublicIp": "ENABLED"}})
        [task] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        stream = "app/app/" + task["taskArn"].rsplit("/", 1)[1]
        self.assertEqual(["before"], self.wait_for_messages(logs, group, stream))
        time.sleep(1.5)  # the event is journalled within a tick

        self.stop_berth(signal.SIGKILL)
        self.start_berth(task_endpoints=True)
        logs = self.client(endpoint=self.endpoint, service="logs")
        [again] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        self.assertEqual(again["taskArn"], task["taskArn"])
        [container] = [c for c in task_containers(task["taskArn"])
                       if c.startswith(again["containers"][0]["runtimeId"][:12])]
        subprocess.run(["docker", "exec", container, "touch", "/tmp/go"], check=True)
        self.assertEqual(["before", "credentials ok", "metadata ok"],
                         self.wait_for_messages(logs, group, stream, count=3))
        time.sleep(1)
        self.assertEqual(3, len(self.wait_for_messages(logs, group, stream)))

    def test_kill_9_at_random_points_of_a_rolling_deployment(self):
        """Three times: a new revision is rolled out to a service of 3, Berth is killed at a
        random point of the rollout and started again. Each time the rollout finishes with the
        right counts, every task on the new revision, and exactly as many of this Berth's
        containers running as tasks: no duplicate, no orphan."""
        rng = random.Random(int(os.environ.get("BERTH_KILL_SEED", time.time())))
        self.start_berth()
        cluster = unique_name("state-roll")
        family = unique_name("state-roll")
        self.ecs.create_cluster(clusterName=cluster)

        def revision(n):
            return self.ecs.register_task_definition(
                family=family,
                containerDefinitions=[{"name": "app", "image": BUSYBOX_IMAGE, "memory": 16,
                                       "essential": True, "environment": [
                                           {"name": "ROUND", "value": str(n)}],
                                       "command": ["sh", "-c",
                                                   "trap 'exit 0' TERM; sleep 600 & wait"]}],
            )["taskDefinition"]["taskDefinitionArn"]

        self.ecs.create_service(cluster=cluster, serviceName="web", taskDefinition=revision(0),
                                desiredCount=3)
        running_service_tasks(self, self.ecs, cluster, "web", 3)
        for n in range(1, 4):
            target = revision(n)
            self.ecs.update_service(cluster=cluster, service="web", taskDefinition=target)
            delay = rng.uniform(0, 3)
            print(f"round {n}: kill -9 after {delay:.2f} s")
            time.sleep(delay)
            self.stop_berth(signal.SIGKILL)
            self.start_berth()
            self.wait_for_rollout(cluster, target, 3)

    def wait_for_rollout(self, cluster, target, count, timeout=120):
        deadline = time.time() + timeout
        seen = None
        while time.time() < deadline:
            [service] = self.ecs.describe_services(cluster=cluster, services=["web"])["services"]
            arns = self.ecs.list_tasks(cluster=cluster, serviceName="web",
                                       desiredStatus="RUNNING")["taskArns"]
            tasks = self.ecs.describe_tasks(cluster=cluster, tasks=arns)["tasks"] if arns else []
            running = len(self.containers_of_this_berth(running_only=True))
            seen = ([(d["status"], d["taskDefinition"], d["runningCount"])
                     for d in service["deployments"]],
                    [(t["lastStatus"], t["taskDefinitionArn"]) for t in tasks], running)
            if (seen[0] == [("PRIMARY", target, count)] and
                    seen[1] == [("RUNNING", target)] * count and running == count):
                self.assertEqual(service["runningCount"], count)
                return
            time.sleep(0.5)
        self.fail(f"the rollout to {target} did not finish: {seen}")

    def side_clients(self):
        return (self.client(endpoint=self.endpoint, service="secretsmanager"),
                self.client(endpoint=self.endpoint, service="ssm"),
                self.client(endpoint=self.endpoint, service="logs"))

    def test_secrets_parameters_and_logs_survive_kill_9(self):
        self.start_berth()
        sm, ssm, logs = self.side_clients()
        name = unique_name("state-secret")
        secret_arn = sm.create_secret(Name=name, SecretString="hunter2")["ARN"]
        sm.put_secret_value(SecretId=name, SecretBinary=b"\xff\x00raw")
        param = "/" + unique_name("state") + "/url"
        ssm.put_parameter(Name=param, Value="http://one", Type="String")
        ssm.put_parameter(Name=param, Value="http://two", Type="String", Overwrite=True)
        ssm.label_parameter_version(Name=param, ParameterVersion=1, Labels=["first"])
        group = "/" + unique_name("state-logs")
        logs.create_log_group(logGroupName=group)
        logs.put_retention_policy(logGroupName=group, retentionInDays=7)

        # A service whose task reads the secret and the parameter and logs with awslogs.
        cluster = unique_name("state-side")
        self.ecs.create_cluster(clusterName=cluster)
        family = unique_name("state-side")
        self.ecs.register_task_definition(
            family=family, executionRoleArn="arn:aws:iam::000000000000:role/exec",
            containerDefinitions=[{
                "name": "app", "image": BUSYBOX_IMAGE, "memory": 16, "essential": True,
                "command": ["sh", "-c", 'echo "started $URL"; sleep 600'],
                "secrets": [{"name": "URL", "valueFrom": param},
                            {"name": "PASSWORD", "valueFrom": secret_arn}],
                "logConfiguration": {"logDriver": "awslogs", "options": {
                    "awslogs-group": group, "awslogs-region": "us-east-1",
                    "awslogs-stream-prefix": "app"}}}])
        self.ecs.create_service(cluster=cluster, serviceName="web", taskDefinition=family,
                                desiredCount=1)
        [task] = running_service_tasks(self, self.ecs, cluster, "web", 1)
        first_stream = "app/app/" + task["taskArn"].rsplit("/", 1)[1]
        self.assertEqual(["started http://two"], self.wait_for_messages(logs, group, first_stream))
        # Events the runtime ingests are journalled within a tick (a second); an API write that
        # was answered is in the journal with everything written before it.
        logs.put_retention_policy(logGroupName=group, retentionInDays=7)

        self.stop_berth(signal.SIGKILL)
        self.start_berth()
        sm, ssm, logs = self.side_clients()

        current = sm.get_secret_value(SecretId=name)
        self.assertEqual(current["SecretBinary"], b"\xff\x00raw")
        self.assertEqual(current["ARN"], secret_arn)
        previous = sm.get_secret_value(SecretId=name, VersionStage="AWSPREVIOUS")
        self.assertEqual(previous["SecretString"], "hunter2")
        self.assertEqual(ssm.get_parameter(Name=param)["Parameter"]["Version"], 2)
        self.assertEqual(ssm.get_parameter(Name=param + ":first")["Parameter"]["Value"], "http://one")
        [described] = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
        self.assertEqual(described["retentionInDays"], 7)
        # The earlier run's events, and a new task's, which read the restored secrets.
        self.assertEqual(["started http://two"], self.wait_for_messages(logs, group, first_stream))
        self.ecs.update_service(cluster=cluster, service="web", desiredCount=2)
        [new] = [t for t in running_service_tasks(self, self.ecs, cluster, "web", 2)
                 if t["taskArn"] != task["taskArn"]]
        new_stream = "app/app/" + new["taskArn"].rsplit("/", 1)[1]
        self.assertEqual(["started http://two"], self.wait_for_messages(logs, group, new_stream))
        logs.put_log_events(logGroupName=group, logStreamName=first_stream,
                            logEvents=[{"timestamp": int(time.time() * 1000), "message": "later"}])
        self.assertEqual(["started http://two", "later"],
                         self.wait_for_messages(logs, group, first_stream, count=2))

    def test_load_balancers_and_cloud_map_survive_kill_9(self):
        self.start_berth()
        elb = self.client(endpoint=self.endpoint, service="elbv2")
        sd = self.client(endpoint=self.endpoint, service="servicediscovery")
        server = start_server("a")
        self.addCleanup(server.shutdown)
        lb = elb.create_load_balancer(Name=unique_name("state-alb"), Type="application",
                                      Subnets=["subnet-aaaa1111", "subnet-bbbb2222"])
        lb = lb["LoadBalancers"][0]
        group = elb.create_target_group(
            Name=unique_name("state-tg"), Protocol="HTTP", Port=80, VpcId="vpc-12345678",
            TargetType="ip", HealthCheckIntervalSeconds=5, HealthCheckTimeoutSeconds=2,
            HealthyThresholdCount=2)["TargetGroups"][0]
        port = free_port()
        listener = elb.create_listener(
            LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=port,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
        )["Listeners"][0]
        elb.create_rule(ListenerArn=listener["ListenerArn"], Priority=5,
                        Conditions=[{"Field": "path-pattern", "Values": ["/down"]}],
                        Actions=[{"Type": "fixed-response", "FixedResponseConfig": {
                            "StatusCode": "200", "ContentType": "text/plain",
                            "MessageBody": "down for now"}}])
        targets = [{"Id": "127.0.0.1", "Port": server.server_address[1]}]
        elb.register_targets(TargetGroupArn=group["TargetGroupArn"], Targets=targets)
        elb.get_waiter("target_in_service").wait(TargetGroupArn=group["TargetGroupArn"],
                                                 Targets=targets,
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        self.assertEqual("a", get(f"http://127.0.0.1:{port}/"))

        namespace = unique_name("state-ns")
        operation = sd.create_http_namespace(Name=namespace)["OperationId"]
        for _ in range(40):
            done = sd.get_operation(OperationId=operation)["Operation"]
            if done["Status"] == "SUCCESS":
                break
            time.sleep(0.25)
        namespace_id = done["Targets"]["NAMESPACE"]
        service_id = sd.create_service(Name="backend", NamespaceId=namespace_id)["Service"]["Id"]
        sd.register_instance(ServiceId=service_id, InstanceId="i-1",
                             Attributes={"AWS_INSTANCE_IPV4": "10.0.0.5", "team": "a"})

        self.stop_berth(signal.SIGKILL)
        self.start_berth()
        elb = self.client(endpoint=self.endpoint, service="elbv2")
        sd = self.client(endpoint=self.endpoint, service="servicediscovery")

        [again] = elb.describe_load_balancers(Names=[lb["LoadBalancerName"]])["LoadBalancers"]
        self.assertEqual((again["LoadBalancerArn"], again["DNSName"]),
                         (lb["LoadBalancerArn"], lb["DNSName"]))
        rules = elb.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
        self.assertEqual(["5", "default"], sorted(r["Priority"] for r in rules))
        [health] = elb.describe_target_health(
            TargetGroupArn=group["TargetGroupArn"])["TargetHealthDescriptions"]
        self.assertEqual(targets[0], {"Id": health["Target"]["Id"],
                                      "Port": health["Target"]["Port"]})
        # The listener is open again (once the data plane has started) and routes as before.
        self.assertEqual("a", http_get(f"http://127.0.0.1:{port}/"))
        self.assertEqual("down for now", get(f"http://127.0.0.1:{port}/down"))

        self.assertEqual(namespace, sd.get_namespace(Id=namespace_id)["Namespace"]["Name"])
        instance = sd.get_instance(ServiceId=service_id, InstanceId="i-1")["Instance"]
        self.assertEqual({"AWS_INSTANCE_IPV4": "10.0.0.5", "team": "a"}, instance["Attributes"])
        self.assertEqual("SUCCESS", sd.get_operation(OperationId=operation)["Operation"]["Status"])

    def wait_for_messages(self, logs, group, stream, count=1, timeout=30):
        deadline = time.time() + timeout
        messages = []
        while time.time() < deadline:
            try:
                events = logs.get_log_events(logGroupName=group, logStreamName=stream,
                                             startFromHead=True)["events"]
                messages = [e["message"] for e in events]
            except logs.exceptions.ResourceNotFoundException:
                messages = []
            if len(messages) >= count:
                return messages
            time.sleep(0.25)
        self.fail(f"{group} {stream} holds {messages}, not {count} event(s)")

    def test_torn_journal_tail_is_cut_and_reported(self):
        self.start_berth()
        cluster = unique_name("state-torn")
        self.ecs.create_cluster(clusterName=cluster)
        self.stop_berth(signal.SIGKILL)
        with open(os.path.join(self.state_dir, "journal"), "ab") as journal:
            journal.write(b"\x40\x00\x00\x00\x00")  # a record that tore in its header
        self.start_berth()
        [again] = self.ecs.describe_clusters(clusters=[cluster])["clusters"]
        self.assertEqual(again["status"], "ACTIVE")
        with open(self.log_path) as log:
            cuts = [line for line in log if "torn record header" in line]
        self.assertEqual(len(cuts), 1, cuts)
        self.assertIn("[warning]", cuts[0])


if __name__ == "__main__":
    unittest.main()
