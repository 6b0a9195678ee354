// Berth's image started by Testcontainers (issue 14): the lines README "Testcontainers" shows,
// as a user pastes them into a suite of their own. Berth's image runs the Fargate tutorial's
// task definition (data/sample-fargate.json) with SDK v3, and the task's page is read at its
// address. Run by tests/e2e/image/js.sh, which builds the image first (BERTH_IMAGE).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";

import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
} from "@aws-sdk/client-ecs";

import { BerthContainer } from "./berth-container.mjs";

// A free port on the host for Berth (it runs in the host's network).
async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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

describe("Berth's image in Testcontainers", () => {
  let berth;
  let ecs;

  before(async () => {
    berth = await new BerthContainer(process.env.BERTH_IMAGE ?? "berth:latest", await freePort())
      .start();
    ecs = new ECSClient({
      endpoint: berth.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
  });

  after(async () => {
    ecs?.destroy();
    await berth?.stop();
  });

  it("runs the tutorial's Fargate task and serves its page", async () => {
    const cluster = `testcontainers-${process.pid}`;
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    const taskDefinition = JSON.parse(
      readFileSync(new URL("../data/sample-fargate.json", import.meta.url), "utf8"));
    await ecs.send(new RegisterTaskDefinitionCommand(taskDefinition));
    const { tasks: [started] } = await ecs.send(new RunTaskCommand({
      cluster,
      taskDefinition: "sample-fargate",
      launchType: "FARGATE",
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-abcd1234"] } },
    }));
    const waiter = { client: ecs, maxWaitTime: 120, minDelay: 1, maxDelay: 2 };
    await waitUntilTasksRunning(waiter, { cluster, tasks: [started.taskArn] });

    const { tasks: [task] } = await ecs.send(
      new DescribeTasksCommand({ cluster, tasks: [started.taskArn] }));
    const address = task.attachments[0].details.find((d) => d.name === "privateIPv4Address").value;
    assert.match(await fetchPage(`http://${address}/`), /Amazon ECS Sample App/);

    await ecs.send(new StopTaskCommand({ cluster, task: started.taskArn }));
    await waitUntilTasksStopped(waiter, { cluster, tasks: [started.taskArn] });
    await ecs.send(new DeleteClusterCommand({ cluster }));
  });
});
