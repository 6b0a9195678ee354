// Daemon task definitions through the AWS SDK for JavaScript v3 (issue 15): register,
// describe, the DaemonTaskDefinitionActive and DaemonTaskDefinitionDeleted waiters, list,
// delete, and ClientException for what ECS refuses.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  ClientException,
  DeleteDaemonTaskDefinitionCommand,
  DescribeDaemonTaskDefinitionCommand,
  ListDaemonTaskDefinitionsCommand,
  RegisterDaemonTaskDefinitionCommand,
  waitUntilDaemonTaskDefinitionActive,
  waitUntilDaemonTaskDefinitionDeleted,
} from "@aws-sdk/client-ecs";

import { ACCOUNT, REGION, suiteClient, uniqueName } from "./helpers.mjs";

const agent = { name: "agent", image: "busybox", memoryReservation: 32 };
const daemonArn = (familyRevision) =>
  `arn:aws:ecs:${REGION}:${ACCOUNT}:daemon-task-definition/${familyRevision}`;
const fast = (client) => ({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 });

describe("daemon task definitions", () => {
  const ecs = suiteClient();

  it("registers revisions, describes them and waits for ACTIVE, then DELETED", async () => {
    const family = uniqueName("js-daemon-td");
    const register = () => ecs.send(new RegisterDaemonTaskDefinitionCommand({
      family, memory: "1 GB", containerDefinitions: [agent],
    }));
    assert.equal((await register()).daemonTaskDefinitionArn, daemonArn(`${family}:1`));
    const { daemonTaskDefinitionArn: second } = await register();
    assert.equal(second, daemonArn(`${family}:2`));
    await waitUntilDaemonTaskDefinitionActive(fast(ecs), { daemonTaskDefinition: second });

    const { daemonTaskDefinition: d } = await ecs.send(
      new DescribeDaemonTaskDefinitionCommand({ daemonTaskDefinition: family }));
    assert.equal(d.daemonTaskDefinitionArn, second);
    assert.equal(d.memory, "1024");
    assert.equal(d.containerDefinitions[0].essential, true);
    assert.ok(d.registeredAt instanceof Date, "registeredAt is parsed as a date");

    const out = await ecs.send(
      new DeleteDaemonTaskDefinitionCommand({ daemonTaskDefinition: second }));
    assert.equal(out.daemonTaskDefinitionArn, second);
    await waitUntilDaemonTaskDefinitionDeleted(fast(ecs), { daemonTaskDefinition: second });

    const listed = await ecs.send(new ListDaemonTaskDefinitionsCommand({ family }));
    assert.deepEqual(listed.daemonTaskDefinitions.map((s) => s.arn), [daemonArn(`${family}:1`)]);
    const all = await ecs.send(
      new ListDaemonTaskDefinitionsCommand({ family, status: "ALL", sort: "DESC" }));
    assert.deepEqual(all.daemonTaskDefinitions.map((s) => s.status), ["DELETED", "ACTIVE"]);
    assert.ok(all.daemonTaskDefinitions[0].deleteRequestedAt instanceof Date);
  });

  it("a definition without an essential container throws ClientException", async () => {
    const error = await ecs
      .send(new RegisterDaemonTaskDefinitionCommand({
        family: uniqueName("js-daemon-bad"),
        containerDefinitions: [{ ...agent, essential: false }],
      }))
      .then(() => assert.fail("RegisterDaemonTaskDefinition succeeded"), (e) => e);
    assert.ok(error instanceof ClientException, `got ${error.name}: ${error.message}`);
    assert.equal(error.$metadata.httpStatusCode, 400);
  });
});
