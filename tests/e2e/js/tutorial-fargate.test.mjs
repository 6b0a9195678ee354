// The Amazon ECS "getting started with Fargate" tutorial through the AWS SDK for JavaScript v3
// (issue 4): the verbatim sample-fargate task definition, a FARGATE service with an awsvpc
// network configuration, waitUntilServicesStable, the sample page at the task's ENI address,
// then DeleteService with force, waitUntilServicesInactive and DeleteCluster. Needs a Docker
// engine and the test images (docker/engine.sh, docker/test-images.sh).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  waitUntilServicesInactive,
  waitUntilServicesStable,
} from "@aws-sdk/client-ecs";

import { loadSampleFargate, suiteClient, uniqueName } from "./helpers.mjs";

const NETWORK = {
  awsvpcConfiguration: {
    subnets: ["subnet-abcd1234"],
    securityGroups: ["sg-abcd1234"],
    assignPublicIp: "ENABLED",
  },
};

async function fetchPage(url) {
  let last;
  for (let i = 0; i < 40; i++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return await response.text();
      last = new Error(`HTTP ${response.status}`);
    } catch (e) {
      last = e;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`nothing answered at ${url}: ${last}`);
}

describe("the Fargate getting-started tutorial", () => {
  const ecs = suiteClient();

  it("runs the sample app as a service, then deletes it", async () => {
    const cluster = uniqueName("fargate-cluster");
    const serviceName = "fargate-service";
    const waiter = { client: ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 2 };
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    const { taskDefinition } = await ecs.send(new RegisterTaskDefinitionCommand(loadSampleFargate()));

    const { service } = await ecs.send(new CreateServiceCommand({
      cluster,
      serviceName,
      taskDefinition: taskDefinition.taskDefinitionArn,
      desiredCount: 1,
      launchType: "FARGATE",
      networkConfiguration: NETWORK,
    }));
    assert.equal(service.status, "ACTIVE");
    assert.deepEqual(service.networkConfiguration, NETWORK);
    const [deployment] = service.deployments;
    assert.equal(deployment.rolloutState, "IN_PROGRESS");
    assert.ok(service.createdAt instanceof Date);

    const stable = await waitUntilServicesStable(waiter, { cluster, services: [serviceName] });
    assert.equal(stable.state, "SUCCESS");
    const { services: [described] } = await ecs.send(
      new DescribeServicesCommand({ cluster, services: [serviceName] }));
    assert.equal(described.runningCount, 1);
    assert.equal(described.deployments[0].rolloutState, "COMPLETED");
    assert.equal(described.events[0].message,
      "(service fargate-service) has reached a steady state.");

    const { taskArns: [taskArn] } = await ecs.send(new ListTasksCommand({ cluster, serviceName }));
    const { tasks: [task] } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
    assert.equal(task.lastStatus, "RUNNING");
    assert.equal(task.startedBy, deployment.id);
    const details = Object.fromEntries(task.attachments[0].details.map((d) => [d.name, d.value]));
    assert.equal(details.subnetId, "subnet-abcd1234");
    const page = await fetchPage(`http://${details.privateIPv4Address}/`);
    assert.match(page, /Amazon ECS Sample App/);

    const deleted = await ecs.send(new DeleteServiceCommand({ cluster, service: serviceName, force: true }));
    assert.equal(deleted.service.status, "DRAINING");
    const inactive = await waitUntilServicesInactive(waiter, { cluster, services: [serviceName] });
    assert.equal(inactive.state, "SUCCESS");
    const { tasks: [stopped] } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
    assert.equal(stopped.lastStatus, "STOPPED");
    assert.equal(stopped.stopCode, "ServiceSchedulerInitiated");
    const { cluster: gone } = await ecs.send(new DeleteClusterCommand({ cluster }));
    assert.equal(gone.status, "INACTIVE");
  });
});
