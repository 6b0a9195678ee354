// CloudWatch Logs through SDK v3: PutLogEvents, paginateGetLogEvents (stopOnSameToken ends it),
// paginateFilterLogEvents across streams, and Logs' modeled error classes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from "@aws-sdk/client-cloudwatch-logs";

import { suiteClient, uniqueName } from "./helpers.mjs";

const failure = (promise) => promise.then(() => assert.fail("the call succeeded"), (e) => e);

describe("logs", () => {
  const logs = suiteClient({ Client: CloudWatchLogsClient, service: "logs" });

  async function groupWithStreams(...streams) {
    const logGroupName = `/berth/${uniqueName("js-logs")}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    for (const logStreamName of streams) {
      await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
    }
    return logGroupName;
  }

  async function put(logGroupName, logStreamName, messages, start) {
    const logEvents = messages.map((message, i) => ({ timestamp: start + i, message }));
    return logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents }));
  }

  it("paginateGetLogEvents reads a stream from head to end and stops on the same token", async () => {
    const logGroupName = await groupWithStreams("s");
    const messages = Array.from({ length: 17 }, (_, i) => `event ${i}`);
    await put(logGroupName, "s", messages, Date.now() - 60_000);
    const seen = [];
    const pages = paginateGetLogEvents(
      { client: logs, pageSize: 5, stopOnSameToken: true },
      { logGroupName, logStreamName: "s", startFromHead: true },
    );
    let count = 0;
    for await (const page of pages) {
      seen.push(...page.events.map((e) => e.message));
      assert.ok(++count < 20, "the paginator did not stop");
    }
    assert.deepEqual(seen, messages);
  });

  it("paginateFilterLogEvents interleaves streams by time and filters terms", async () => {
    const logGroupName = await groupWithStreams("a", "b");
    const start = Date.now() - 60_000;
    await put(logGroupName, "a", ["ERROR a0", "INFO a1", "ERROR a2"], start);
    await put(logGroupName, "b", ["ERROR b0", "WARN b1"], start);
    const events = [];
    for await (const page of paginateFilterLogEvents(
      { client: logs, pageSize: 1 },
      { logGroupName, filterPattern: "?ERROR ?WARN" },
    )) {
      events.push(...page.events);
    }
    assert.deepEqual(events.map((e) => e.message), ["ERROR a0", "ERROR b0", "WARN b1", "ERROR a2"]);
    assert.deepEqual(events.map((e) => e.logStreamName), ["a", "b", "b", "a"]);
  });

  it("describes groups with both ARN forms", async () => {
    const logGroupName = await groupWithStreams();
    const out = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName }));
    assert.equal(out.logGroups.length, 1);
    assert.ok(out.logGroups[0].arn.endsWith(`:log-group:${logGroupName}:*`));
    assert.ok(out.logGroups[0].logGroupArn.endsWith(`:log-group:${logGroupName}`));
  });

  it("throws Logs' modeled exceptions", async () => {
    const logGroupName = await groupWithStreams("s");
    let error = await failure(logs.send(new CreateLogGroupCommand({ logGroupName })));
    assert.ok(error instanceof ResourceAlreadyExistsException, `got ${error.name}`);
    error = await failure(logs.send(new GetLogEventsCommand({ logGroupName: `${logGroupName}-x`, logStreamName: "s" })));
    assert.ok(error instanceof ResourceNotFoundException, `got ${error.name}`);
    assert.equal(error.message, "The specified log group does not exist.");
    error = await failure(logs.send(new PutLogEventsCommand({  // not in chronological order
      logGroupName,
      logStreamName: "s",
      logEvents: [{ timestamp: Date.now(), message: "b" }, { timestamp: Date.now() - 5, message: "a" }],
    })));
    assert.ok(error instanceof InvalidParameterException, `got ${error.name}`);
    assert.equal(error.$metadata.httpStatusCode, 400);
  });
});
