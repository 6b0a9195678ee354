"""Elastic Load Balancing v2 (query protocol) with boto3: load balancers and the
load_balancer_available waiter, target groups with ELB's defaults, targets and the
target_deregistered waiter, listeners, rules, attributes, tags, paginators, and ELB's errors
as botocore's exception classes."""

import time

from berth_e2e import BerthTestCase, unique_name


def short_name(prefix):
    """unique_name, within ELB's 32 characters."""
    return unique_name(prefix)[-32:].lstrip("-")


class Elbv2Test(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.elb = self.client(service="elbv2")
        self.errors = self.elb.exceptions

    def load_balancer(self, kind="application", **kwargs):
        answer = self.elb.create_load_balancer(Name=short_name("py"), Type=kind,
                                               Subnets=["subnet-a", "subnet-b"], **kwargs)
        lb = answer["LoadBalancers"][0]
        self.addCleanup(self.elb.delete_load_balancer, LoadBalancerArn=lb["LoadBalancerArn"])
        return lb

    def target_group(self, protocol="HTTP", port=80, **kwargs):
        group = self.elb.create_target_group(Name=short_name("py"), Protocol=protocol, Port=port,
                                             **kwargs)["TargetGroups"][0]
        self.addCleanup(self.elb.delete_target_group, TargetGroupArn=group["TargetGroupArn"])
        return group

    def listener(self, lb, group, port=80):
        listener = self.elb.create_listener(
            LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=port,
            DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
        )["Listeners"][0]
        self.addCleanup(self.elb.delete_listener, ListenerArn=listener["ListenerArn"])
        return listener

    def test_a_load_balancer_becomes_available(self):
        lb = self.load_balancer(SecurityGroups=["sg-1"], Scheme="internal")
        self.assertEqual("provisioning", lb["State"]["Code"])
        self.assertEqual("internal", lb["Scheme"])
        self.assertTrue(lb["DNSName"].endswith(".elb.localhost"), lb["DNSName"])
        self.assertEqual(["sg-1"], lb["SecurityGroups"])
        waiter = self.elb.get_waiter("load_balancer_available")
        waiter.wait(LoadBalancerArns=[lb["LoadBalancerArn"]],
                    WaiterConfig={"Delay": 1, "MaxAttempts": 10})
        described = self.elb.describe_load_balancers(Names=[lb["LoadBalancerName"]])
        self.assertEqual("active", described["LoadBalancers"][0]["State"]["Code"])
        self.assertEqual(lb["CreatedTime"], described["LoadBalancers"][0]["CreatedTime"])

    def test_errors_are_botocores_exception_classes(self):
        self.assertAwsError(self.errors.LoadBalancerNotFoundException,
                            self.elb.describe_load_balancers, Names=["no-such-lb"])
        lb = self.load_balancer()
        self.assertAwsError(self.errors.DuplicateLoadBalancerNameException,
                            self.elb.create_load_balancer, Name=lb["LoadBalancerName"],
                            Type="network")
        group = self.target_group()
        self.assertAwsError(self.errors.DuplicateTargetGroupNameException,
                            self.elb.create_target_group, Name=group["TargetGroupName"],
                            Protocol="TCP", Port=81)
        self.assertAwsError(self.errors.TargetGroupNotFoundException,
                            self.elb.describe_target_groups, Names=["no-such-group"])
        self.assertAwsError(self.errors.InvalidTargetException, self.elb.register_targets,
                            TargetGroupArn=group["TargetGroupArn"], Targets=[{"Id": "10.0.0.1"}])
        listener = self.listener(lb, group)
        self.assertAwsError(self.errors.DuplicateListenerException, self.elb.create_listener,
                            LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                            DefaultActions=[{"Type": "forward",
                                             "TargetGroupArn": group["TargetGroupArn"]}])
        self.assertAwsError(self.errors.ResourceInUseException, self.elb.delete_target_group,
                            TargetGroupArn=group["TargetGroupArn"])
        self.assertAwsError(self.errors.ListenerNotFoundException, self.elb.describe_listeners,
                            ListenerArns=[listener["ListenerArn"] + "0"])
        self.assertAwsError(self.errors.RuleNotFoundException, self.elb.delete_rule,
                            RuleArn=listener["ListenerArn"].replace(":listener/",
                                                                    ":listener-rule/") + "/00")
        error = self.assertAwsError(self.errors.ClientError, self.elb.create_target_group,
                                    Name="-bad-", Protocol="HTTP", Port=80)
        self.assertEqual("ValidationError", error.response["Error"]["Code"])

    def test_target_groups_have_elbs_defaults(self):
        group = self.target_group(protocol="TCP", port=5432)
        self.assertEqual("TCP", group["HealthCheckProtocol"])
        self.assertEqual("traffic-port", group["HealthCheckPort"])
        self.assertEqual(10, group["HealthCheckTimeoutSeconds"])
        self.assertEqual(30, group["HealthCheckIntervalSeconds"])
        self.assertEqual("instance", group["TargetType"])
        attributes = {a["Key"]: a["Value"] for a in self.elb.describe_target_group_attributes(
            TargetGroupArn=group["TargetGroupArn"])["Attributes"]}
        self.assertEqual("300", attributes["deregistration_delay.timeout_seconds"])
        self.assertEqual("source_ip", attributes["stickiness.type"])
        changed = self.elb.modify_target_group(TargetGroupArn=group["TargetGroupArn"],
                                               HealthCheckProtocol="HTTP",
                                               HealthCheckPath="/ping")["TargetGroups"][0]
        self.assertEqual("/ping", changed["HealthCheckPath"])
        self.assertEqual("200-399", changed["Matcher"]["HttpCode"])

    def test_targets_drain_and_the_deregistered_waiter_returns(self):
        lb = self.load_balancer()
        group = self.target_group(TargetType="ip")
        arn = group["TargetGroupArn"]
        self.elb.modify_target_group_attributes(TargetGroupArn=arn, Attributes=[
            {"Key": "deregistration_delay.timeout_seconds", "Value": "2"}])
        self.listener(lb, group)
        self.elb.register_targets(TargetGroupArn=arn, Targets=[{"Id": "10.0.0.5", "Port": 8080}])
        health = self.elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
        self.assertEqual([("10.0.0.5", 8080, "initial")],
                         [(h["Target"]["Id"], h["Target"]["Port"], h["TargetHealth"]["State"])
                          for h in health])
        # The data plane's first health check may already have run (ELB's next reason).
        self.assertIn(health[0]["TargetHealth"]["Reason"],
                      ("Elb.RegistrationInProgress", "Elb.InitialHealthChecking"))
        self.elb.deregister_targets(TargetGroupArn=arn, Targets=[{"Id": "10.0.0.5", "Port": 8080}])
        health = self.elb.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"]
        self.assertEqual("draining", health[0]["TargetHealth"]["State"])
        self.assertEqual("Target.DeregistrationInProgress", health[0]["TargetHealth"]["Reason"])
        started = time.monotonic()
        self.elb.get_waiter("target_deregistered").wait(
            TargetGroupArn=arn, Targets=[{"Id": "10.0.0.5", "Port": 8080}],
            WaiterConfig={"Delay": 1, "MaxAttempts": 10})
        self.assertGreaterEqual(time.monotonic() - started, 1)
        self.assertEqual([], self.elb.describe_target_health(
            TargetGroupArn=arn)["TargetHealthDescriptions"])

    def test_rules_and_their_priorities(self):
        lb = self.load_balancer()
        group = self.target_group(TargetType="ip")
        listener = self.listener(lb, group)
        created = [self.elb.create_rule(
            ListenerArn=listener["ListenerArn"], Priority=priority,
            Conditions=[{"Field": "path-pattern", "PathPatternConfig": {"Values": [path]}}],
            Actions=[{"Type": "redirect", "RedirectConfig": {
                "Protocol": "HTTP", "Path": "/new", "StatusCode": "HTTP_302"}}],
        )["Rules"][0]["RuleArn"] for priority, path in ((5, "/a"), (7, "/b"))]
        self.assertAwsError(self.errors.PriorityInUseException, self.elb.create_rule,
                            ListenerArn=listener["ListenerArn"], Priority=5,
                            Conditions=[{"Field": "host-header", "Values": ["x.example"]}],
                            Actions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}])
        self.elb.set_rule_priorities(RulePriorities=[
            {"RuleArn": created[0], "Priority": 7}, {"RuleArn": created[1], "Priority": 5}])
        rules = self.elb.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
        self.assertEqual([(created[1], "5"), (created[0], "7")],
                         [(r["RuleArn"], r["Priority"]) for r in rules[:2]])
        self.assertTrue(rules[2]["IsDefault"])
        self.assertEqual("HTTP_302", rules[0]["Actions"][0]["RedirectConfig"]["StatusCode"])
        self.assertAwsError(self.errors.OperationNotPermittedException, self.elb.delete_rule,
                            RuleArn=rules[2]["RuleArn"])

    def test_paginators_walk_every_page(self):
        lbs = [self.load_balancer()["LoadBalancerArn"] for _ in range(3)]
        pages = list(self.elb.get_paginator("describe_load_balancers").paginate(
            PaginationConfig={"PageSize": 1}))
        seen = [lb["LoadBalancerArn"] for page in pages for lb in page["LoadBalancers"]]
        self.assertGreaterEqual(len(pages), 3)
        self.assertEqual(len(seen), len(set(seen)))
        for arn in lbs:
            self.assertIn(arn, seen)

    def test_tags_and_attributes(self):
        lb = self.load_balancer(Tags=[{"Key": "team", "Value": "a"}])
        arn = lb["LoadBalancerArn"]
        self.elb.add_tags(ResourceArns=[arn], Tags=[{"Key": "env", "Value": "dev"}])
        tags = self.elb.describe_tags(ResourceArns=[arn])["TagDescriptions"][0]["Tags"]
        self.assertEqual({"team": "a", "env": "dev"}, {t["Key"]: t["Value"] for t in tags})
        self.assertAwsError(self.errors.DuplicateTagKeysException, self.elb.add_tags,
                            ResourceArns=[arn], Tags=[{"Key": "a", "Value": "1"},
                                                      {"Key": "a", "Value": "2"}])
        self.elb.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
            {"Key": "deletion_protection.enabled", "Value": "true"}])
        self.assertAwsError(self.errors.OperationNotPermittedException,
                            self.elb.delete_load_balancer, LoadBalancerArn=arn)
        self.elb.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
            {"Key": "deletion_protection.enabled", "Value": "false"}])
