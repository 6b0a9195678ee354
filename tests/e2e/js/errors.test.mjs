// How errors reach SDK v3 users: modeled exceptions, and operations Berth does not build.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  ClientException,
  ClusterNotFoundException,
  DescribeTaskDefinitionCommand,
  ECSServiceException,
  SubmitAttachmentStateChangesCommand,
  UpdateClusterSettingsCommand,
} from "@aws-sdk/client-ecs";

import { suiteClient, uniqueName } from "./helpers.mjs";

const failure = (promise) => promise.then(() => assert.fail("the call succeeded"), (e) => e);

describe("errors", () => {
  const ecs = suiteClient();

  it("UpdateClusterSettings on an unknown cluster throws ClusterNotFoundException", async () => {
    const error = await failure(ecs.send(new UpdateClusterSettingsCommand({
      cluster: uniqueName("js-gone"),
      settings: [{ name: "containerInsights", value: "enabled" }],
    })));
    assert.ok(error instanceof ClusterNotFoundException, `got ${error.name}: ${error.message}`);
    assert.equal(error.$metadata.httpStatusCode, 400);
  });

  it("DescribeTaskDefinition of an unknown family throws ClientException", async () => {
    const error = await failure(ecs.send(new DescribeTaskDefinitionCommand({
      taskDefinition: uniqueName("js-nofamily"),
    })));
    assert.ok(error instanceof ClientException, `got ${error.name}: ${error.message}`);
    assert.equal(error.$metadata.httpStatusCode, 400);
  });

  it("an operation Berth has not built fails with an error that names it", async () => {
    const error = await failure(ecs.send(new SubmitAttachmentStateChangesCommand({
      attachments: [{ attachmentArn: "arn:aws:ecs:us-east-1:000000000000:attachment/x", status: "ATTACHED" }],
    })));
    assert.ok(error instanceof ECSServiceException, `got ${error.name}: ${error.message}`);
    assert.ok(error.name && error.name !== "Error", `error name: ${error.name}`);
    assert.match(error.message, /SubmitAttachmentStateChanges/);
    assert.ok(error.$metadata.httpStatusCode >= 400);
    assert.notEqual(error.$metadata.httpStatusCode, 500, "not built is not a crash");
  });
});
