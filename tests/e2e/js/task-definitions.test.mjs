// Task definitions through the AWS SDK for JavaScript v3.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  ClientException,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  paginateListTaskDefinitions,
} from "@aws-sdk/client-ecs";

import {
  loadSampleFargate,
  suiteClient,
  tagsOf,
  taskDefinitionArn,
  uniqueName,
} from "./helpers.mjs";

const container = (name = "app") => ({ name, image: "busybox", memory: 64, essential: true });

describe("task definitions", () => {
  const ecs = suiteClient();

  it("registers the tutorial's sample-fargate task definition verbatim", async () => {
    const sample = loadSampleFargate();
    const { taskDefinition: td } = await ecs.send(new RegisterTaskDefinitionCommand(sample));
    assert.equal(td.family, "sample-fargate");
    assert.equal(td.taskDefinitionArn, taskDefinitionArn(`sample-fargate:${td.revision}`));
    assert.equal(td.status, "ACTIVE");
    assert.equal(td.networkMode, "awsvpc");
    assert.deepEqual([td.cpu, td.memory], ["256", "512"]);
    assert.deepEqual([...td.compatibilities].sort(), ["EC2", "FARGATE"]);
    assert.ok(td.registeredAt instanceof Date, "registeredAt is parsed as a date");
    assert.ok(Math.abs(td.registeredAt.getTime() - Date.now()) < 3600_000,
      `registeredAt ${td.registeredAt.toISOString()} is not about now`);
    assert.deepEqual(td.containerDefinitions[0].command, sample.containerDefinitions[0].command);
    assert.deepEqual(td.containerDefinitions[0].entryPoint, ["sh", "-c"]);
  });

  it("paginateListTaskDefinitions returns every revision of a family, in order", async () => {
    const family = uniqueName("js-list");
    const arns = [];
    for (let i = 0; i < 5; i++) {
      const { taskDefinition } = await ecs.send(new RegisterTaskDefinitionCommand({
        family,
        containerDefinitions: [container()],
      }));
      arns.push(taskDefinition.taskDefinitionArn);
    }
    assert.deepEqual(arns, [1, 2, 3, 4, 5].map((r) => taskDefinitionArn(`${family}:${r}`)));
    const pages = [];
    for await (const page of paginateListTaskDefinitions(
      { client: ecs, pageSize: 2 },
      { familyPrefix: family },
    )) {
      pages.push(page.taskDefinitionArns);
    }
    assert.deepEqual(pages.map((p) => p.length), [2, 2, 1]);
    assert.deepEqual(pages.flat(), arns);
  });

  it("DescribeTaskDefinition returns tags when asked", async () => {
    const family = uniqueName("js-tags");
    await ecs.send(new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: [container()],
      tags: [{ key: "owner", value: "js" }],
    }));
    const out = await ecs.send(new DescribeTaskDefinitionCommand({
      taskDefinition: family,
      include: ["TAGS"],
    }));
    assert.equal(out.taskDefinition.revision, 1);
    assert.deepEqual(tagsOf(out.tags), { owner: "js" });
  });

  it("an invalid Fargate cpu/memory pair throws ClientException", async () => {
    const sample = { ...loadSampleFargate(), family: uniqueName("js-bad"), memory: "4096" };
    const error = await ecs
      .send(new RegisterTaskDefinitionCommand(sample))
      .then(() => assert.fail("RegisterTaskDefinition succeeded"), (e) => e);
    assert.ok(error instanceof ClientException, `got ${error.name}: ${error.message}`);
    assert.equal(error.$metadata.httpStatusCode, 400);
  });
});
