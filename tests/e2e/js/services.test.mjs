// Services through the AWS SDK for JavaScript v3 (issue 4): CreateService defaults, errors by
// exception class, paginateListServices, UpdateService deployments and DeleteService rules.
// Services stay at a desired count of 0 but one, which is deleted with force at once.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import {
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  InvalidParameterException,
  RegisterTaskDefinitionCommand,
  ServiceNotActiveException,
  ServiceNotFoundException,
  UpdateServiceCommand,
  paginateListServices,
} from "@aws-sdk/client-ecs";

import { suiteClient, tagsOf, uniqueName } from "./helpers.mjs";

describe("services", () => {
  const ecs = suiteClient();
  let cluster;
  let family;
  before(async () => {
    cluster = uniqueName("js-services");
    family = uniqueName("js-svc");
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    const containers = [{ name: "app", image: "berth-test/busybox:latest", memory: 16 }];
    for (let i = 0; i < 2; i++) {
      await ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: containers }));
    }
  });

  it("CreateService answers with ECS's defaults and DescribeServices includes tags", async () => {
    const { service } = await ecs.send(new CreateServiceCommand({
      cluster,
      serviceName: "web",
      taskDefinition: `${family}:1`,
      desiredCount: 0,
      tags: [{ key: "sdk", value: "v3" }],
    }));
    assert.equal(service.status, "ACTIVE");
    assert.equal(service.schedulingStrategy, "REPLICA");
    assert.deepEqual(service.deploymentConfiguration, {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    });
    assert.equal(service.deployments[0].status, "PRIMARY");
    assert.match(service.deployments[0].id, /^ecs-svc\/\d{19}$/);
    const out = await ecs.send(new DescribeServicesCommand({
      cluster, services: ["web", "nope"], include: ["TAGS"],
    }));
    assert.deepEqual(tagsOf(out.services[0].tags), { sdk: "v3" });
    assert.equal(out.failures[0].reason, "MISSING");
  });

  it("errors come back as their exception classes", async () => {
    await assert.rejects(
      ecs.send(new CreateServiceCommand({ cluster, serviceName: "web", taskDefinition: family })),
      (e) => e instanceof InvalidParameterException && /not idempotent/.test(e.message));
    await assert.rejects(
      ecs.send(new CreateServiceCommand({
        cluster: uniqueName("nope"), serviceName: "x", taskDefinition: family,
      })),
      ClusterNotFoundException);
    await assert.rejects(
      ecs.send(new UpdateServiceCommand({ cluster, service: "nope", desiredCount: 1 })),
      ServiceNotFoundException);
  });

  it("UpdateService with a new revision starts a new primary deployment", async () => {
    const { service } = await ecs.send(new UpdateServiceCommand({
      cluster, service: "web", taskDefinition: `${family}:2`,
    }));
    assert.equal(service.deployments.length, 2);
    assert.equal(service.deployments[0].status, "PRIMARY");
    assert.equal(service.deployments[1].status, "ACTIVE");
    assert.match(service.taskDefinition, new RegExp(`${family}:2$`));
  });

  it("paginateListServices walks every page", async () => {
    const created = [];
    for (let i = 0; i < 4; i++) {
      const { service } = await ecs.send(new CreateServiceCommand({
        cluster, serviceName: `page-${i}`, taskDefinition: family, desiredCount: 0,
      }));
      created.push(service.serviceArn);
    }
    const seen = [];
    let pages = 0;
    for await (const page of paginateListServices({ client: ecs, pageSize: 2 }, { cluster })) {
      pages += 1;
      seen.push(...page.serviceArns);
    }
    assert.ok(pages >= 3);
    for (const arn of created) assert.ok(seen.includes(arn), arn);
  });

  it("DeleteService needs force above 0, then the service is not active", async () => {
    await ecs.send(new UpdateServiceCommand({ cluster, service: "page-0", desiredCount: 1 }));
    await assert.rejects(
      ecs.send(new DeleteServiceCommand({ cluster, service: "page-0" })),
      (e) => e instanceof InvalidParameterException &&
        e.message === "The service cannot be stopped while it is scaled above 0.");
    const { service } = await ecs.send(new DeleteServiceCommand({
      cluster, service: "page-0", force: true,
    }));
    assert.equal(service.status, "DRAINING");
    await assert.rejects(
      ecs.send(new UpdateServiceCommand({ cluster, service: "page-0", desiredCount: 2 })),
      ServiceNotActiveException);
  });
});
