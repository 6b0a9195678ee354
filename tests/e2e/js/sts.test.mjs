// STS with SDK v3: a query-protocol service, so the JSON shape checker does not apply; each
// test checks the parsed results itself.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";

import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  STSServiceException,
} from "@aws-sdk/client-sts";
import { ECSClient, CreateClusterCommand, DeleteClusterCommand } from "@aws-sdk/client-ecs";

import { ACCOUNT, makeClient, uniqueName } from "./helpers.mjs";

const ROLE_ACCOUNT = "210987654321";
const failure = (promise) => promise.then(() => assert.fail("the call succeeded"), (e) => e);
const secondsLeft = (date) => (date.getTime() - Date.now()) / 1000;

describe("sts", () => {
  const sts = makeClient({ Client: STSClient, service: "sts" });
  const made = [sts];
  after(() => made.forEach((c) => c.destroy()));
  const clientWith = (c, Client = STSClient, service = "sts") => {
    const client = makeClient({
      Client, service,
      credentials: {
        accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken,
      },
    });
    made.push(client);
    return client;
  };

  it("GetCallerIdentity answers the account's root for long-term keys", async () => {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, ACCOUNT);
    assert.equal(identity.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(identity.UserId, ACCOUNT);
  });

  it("AssumeRole credentials act as the role, in its account", async () => {
    const role = uniqueName("js-role");
    const answer = await sts.send(new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ROLE_ACCOUNT}:role/${role}`, RoleSessionName: "js", DurationSeconds: 1800,
    }));
    const c = answer.Credentials;
    assert.match(c.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretAccessKey.length, 40);
    assert.ok(c.SessionToken.length > 0);
    assert.ok(c.Expiration instanceof Date);
    const left = secondsLeft(c.Expiration);
    assert.ok(left > 1790 && left <= 1805, `${left}`);
    assert.equal(answer.AssumedRoleUser.Arn, `arn:aws:sts::${ROLE_ACCOUNT}:assumed-role/${role}/js`);
    assert.match(answer.AssumedRoleUser.AssumedRoleId, /^AROA[A-Z2-7]{17}:js$/);

    const identity = await clientWith(c).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, ROLE_ACCOUNT);
    assert.equal(identity.Arn, answer.AssumedRoleUser.Arn);
    assert.equal(identity.UserId, answer.AssumedRoleUser.AssumedRoleId);

    const ecs = clientWith(c, ECSClient, "ecs");
    const name = uniqueName("js-sts");
    const cluster = await ecs.send(new CreateClusterCommand({ clusterName: name }));
    assert.equal(cluster.cluster.clusterArn, `arn:aws:ecs:us-east-1:${ROLE_ACCOUNT}:cluster/${name}`);
    await ecs.send(new DeleteClusterCommand({ cluster: name }));
  });

  it("GetSessionToken gives root credentials for at most an hour", async () => {
    const { Credentials: c } = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    const left = secondsLeft(c.Expiration);
    assert.ok(left > 3590 && left <= 3605, `${left}`);
    const identity = await clientWith(c).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, `arn:aws:iam::${ACCOUNT}:root`);
  });

  it("bad input is a ValidationError the SDK parses from the XML", async () => {
    const error = await failure(sts.send(new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ROLE_ACCOUNT}:role/r`, RoleSessionName: "no spaces allowed",
    })));
    assert.ok(error instanceof STSServiceException, `got ${error.name}`);
    assert.equal(error.name, "ValidationError");
    assert.match(error.message, /at 'roleSessionName' failed to satisfy constraint/);
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.ok(error.$metadata.requestId);
  });
});
