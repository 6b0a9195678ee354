// Elastic Load Balancing v2 with SDK v3: the query protocol (lists as member.N, nested
// structures, XML answers with timestamps and numbers) and ELB's errors as the SDK's classes.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";

import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
  DuplicateTargetGroupNameException,
  ElasticLoadBalancingV2Client,
  ElasticLoadBalancingV2ServiceException,
  LoadBalancerNotFoundException,
  RegisterTargetsCommand,
  ResourceInUseException,
  waitUntilLoadBalancerAvailable,
} from "@aws-sdk/client-elastic-load-balancing-v2";

import { makeClient, uniqueName } from "./helpers.mjs";

const failure = (promise) => promise.then(() => assert.fail("the call succeeded"), (e) => e);
const shortName = (prefix) => uniqueName(prefix).slice(-32).replace(/^-+/, "");

describe("elbv2", () => {
  const elb = makeClient({ Client: ElasticLoadBalancingV2Client, service: "elbv2" });
  after(() => elb.destroy());

  it("creates a load balancer, a target group and a listener, and reports target health", async () => {
    const name = shortName("js");
    const created = await elb.send(new CreateLoadBalancerCommand({
      Name: name, Subnets: ["subnet-a", "subnet-b"], Tags: [{ Key: "k", Value: "v" }],
    }));
    const lb = created.LoadBalancers[0];
    assert.equal(lb.State.Code, "provisioning");
    assert.ok(lb.CreatedTime instanceof Date);
    await waitUntilLoadBalancerAvailable(
      { client: elb, maxWaitTime: 30, minDelay: 1, maxDelay: 2 },
      { LoadBalancerArns: [lb.LoadBalancerArn] });
    const described = await elb.send(new DescribeLoadBalancersCommand({ Names: [name] }));
    assert.equal(described.LoadBalancers[0].State.Code, "active");

    const group = (await elb.send(new CreateTargetGroupCommand({
      Name: name, Protocol: "HTTP", Port: 8080, TargetType: "ip",
      HealthCheckPath: "/health", Matcher: { HttpCode: "200-299" },
    }))).TargetGroups[0];
    assert.equal(group.HealthCheckPath, "/health");
    assert.equal(group.HealthyThresholdCount, 5);
    const listener = (await elb.send(new CreateListenerCommand({
      LoadBalancerArn: lb.LoadBalancerArn, Protocol: "HTTP", Port: 8080,
      DefaultActions: [{
        Type: "forward",
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: group.TargetGroupArn, Weight: 3 }] },
      }],
    }))).Listeners[0];
    assert.equal(listener.DefaultActions[0].ForwardConfig.TargetGroups[0].Weight, 3);
    await elb.send(new RegisterTargetsCommand({
      TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: "10.0.0.7" }],
    }));
    const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }));
    assert.deepEqual(health.TargetHealthDescriptions.map((h) => [h.Target.Id, h.Target.Port, h.TargetHealth.State]),
      [["10.0.0.7", 8080, "initial"]]);

    const inUse = await failure(elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn })));
    assert.ok(inUse instanceof ResourceInUseException, inUse.name);
    await elb.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn }));
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn }));
    await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
  });

  it("answers ELB's errors as the SDK's exception classes", async () => {
    const missing = await failure(elb.send(new DescribeLoadBalancersCommand({ Names: ["js-none"] })));
    assert.ok(missing instanceof LoadBalancerNotFoundException, missing.name);
    assert.equal(missing.$metadata.httpStatusCode, 400);
    assert.ok(missing.message);

    const name = shortName("jsdup");
    const group = (await elb.send(new CreateTargetGroupCommand({ Name: name, Protocol: "TCP", Port: 80 }))).TargetGroups[0];
    const duplicate = await failure(elb.send(new CreateTargetGroupCommand({ Name: name, Protocol: "HTTP", Port: 80 })));
    assert.ok(duplicate instanceof DuplicateTargetGroupNameException, duplicate.name);
    const invalid = await failure(elb.send(new CreateTargetGroupCommand({ Name: "-x-", Protocol: "HTTP", Port: 80 })));
    assert.ok(invalid instanceof ElasticLoadBalancingV2ServiceException);
    assert.equal(invalid.name, "ValidationError");
    await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn }));
  });
});
