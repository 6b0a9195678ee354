// Secrets Manager through SDK v3: values, versions and labels, the ListSecrets paginator, and
// the modeled exceptions.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";

import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
  paginateListSecrets,
} from "@aws-sdk/client-secrets-manager";

import { ACCOUNT, REGION, suiteClient, uniqueName } from "./helpers.mjs";

const failure = (promise) => promise.then(() => assert.fail("the call succeeded"), (e) => e);

function assertError(error, Class) {
  assert.ok(error instanceof Class, `got ${error.name}: ${error.message}`);
  assert.equal(error.$metadata.httpStatusCode, 400);
}

describe("secrets manager", () => {
  const sm = suiteClient({ Client: SecretsManagerClient, service: "secretsmanager" });
  const create = (value, extra = {}) =>
    sm.send(new CreateSecretCommand({ Name: uniqueName("js-secret"), SecretString: value, ...extra }));

  it("creates a secret and reads it by name, ARN and partial ARN", async () => {
    const created = await create("s3cr3t", { Description: "js" });
    assert.match(created.ARN, new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${created.Name}-[A-Za-z0-9]{6}$`));
    for (const SecretId of [created.Name, created.ARN, created.ARN.slice(0, -7)]) {
      const got = await sm.send(new GetSecretValueCommand({ SecretId }));
      assert.equal(got.SecretString, "s3cr3t");
      assert.deepEqual(got.VersionStages, ["AWSCURRENT"]);
      assert.ok(got.CreatedDate instanceof Date);
    }
    const error = await failure(sm.send(new GetSecretValueCommand({ SecretId: `${created.Name}-nope` })));
    assertError(error, ResourceNotFoundException);
  });

  it("round-trips a binary secret", async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const created = await sm.send(new CreateSecretCommand({ Name: uniqueName("js-bin"), SecretBinary: bytes }));
    const got = await sm.send(new GetSecretValueCommand({ SecretId: created.Name }));
    assert.deepEqual(Array.from(got.SecretBinary), Array.from(bytes));
  });

  it("refuses a token reused with another value, and a taken name", async () => {
    const token = randomUUID();
    const created = await create("a", { ClientRequestToken: token });
    const again = await sm.send(new CreateSecretCommand({ Name: created.Name, SecretString: "a", ClientRequestToken: token }));
    assert.equal(again.VersionId, token);
    assertError(await failure(sm.send(new CreateSecretCommand({ Name: created.Name, SecretString: "b", ClientRequestToken: token }))),
      ResourceExistsException);
    assertError(await failure(sm.send(new PutSecretValueCommand({ SecretId: created.Name, SecretString: "b", ClientRequestToken: token }))),
      ResourceExistsException);
  });

  it("moves the staging labels as versions are added and promoted", async () => {
    const { Name, VersionId: v1 } = await create("one");
    const { VersionId: v2 } = await sm.send(new PutSecretValueCommand({ SecretId: Name, SecretString: "two" }));
    let stages = (await sm.send(new DescribeSecretCommand({ SecretId: Name }))).VersionIdsToStages;
    assert.deepEqual(stages, { [v1]: ["AWSPREVIOUS"], [v2]: ["AWSCURRENT"] });
    const pending = await sm.send(new PutSecretValueCommand({ SecretId: Name, SecretString: "three", VersionStages: ["AWSPENDING"] }));
    await sm.send(new UpdateSecretVersionStageCommand({
      SecretId: Name, VersionStage: "AWSCURRENT", MoveToVersionId: pending.VersionId, RemoveFromVersionId: v2,
    }));
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: Name }))).SecretString, "three");
    const versions = await sm.send(new ListSecretVersionIdsCommand({ SecretId: Name, IncludeDeprecated: true }));
    assert.deepEqual(versions.Versions.map((v) => v.VersionId).sort(), [v1, v2, pending.VersionId].sort());
    const updated = await sm.send(new UpdateSecretCommand({ SecretId: Name, SecretString: "four" }));
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: Name }))).VersionId, updated.VersionId);
  });

  it("pages through ListSecrets with paginateListSecrets", async () => {
    const prefix = uniqueName("js-page");
    const names = [];
    for (let i = 0; i < 5; i++) {
      const { Name } = await sm.send(new CreateSecretCommand({ Name: `${prefix}/${i}`, SecretString: "v" }));
      names.push(Name);
    }
    const seen = [];
    let pages = 0;
    for await (const page of paginateListSecrets({ client: sm, pageSize: 2 }, { Filters: [{ Key: "name", Values: [prefix] }] })) {
      pages += 1;
      seen.push(...page.SecretList.map((s) => s.Name));
    }
    assert.deepEqual(seen, names);
    assert.equal(pages, 3);
  });

  it("batch-gets values and reports the missing ones", async () => {
    const { Name } = await create("batch");
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: [Name, `${Name}-missing`] }));
    assert.deepEqual(out.SecretValues.map((v) => v.SecretString), ["batch"]);
    assert.deepEqual(out.Errors.map((e) => e.ErrorCode), ["ResourceNotFoundException"]);
  });

  it("tags, deletes with a recovery window and restores", async () => {
    const { Name } = await create("d");
    await sm.send(new TagResourceCommand({ SecretId: Name, Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }] }));
    await sm.send(new UntagResourceCommand({ SecretId: Name, TagKeys: ["a"] }));
    assert.deepEqual((await sm.send(new DescribeSecretCommand({ SecretId: Name }))).Tags, [{ Key: "b", Value: "2" }]);
    assertError(await failure(sm.send(new DeleteSecretCommand({ SecretId: Name, RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }))),
      InvalidParameterException);
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: Name, RecoveryWindowInDays: 10 }));
    assert.ok(deleted.DeletionDate instanceof Date);
    assertError(await failure(sm.send(new GetSecretValueCommand({ SecretId: Name }))), InvalidRequestException);
    await sm.send(new RestoreSecretCommand({ SecretId: Name }));
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: Name }))).SecretString, "d");
    await sm.send(new DeleteSecretCommand({ SecretId: Name, ForceDeleteWithoutRecovery: true }));
    assertError(await failure(sm.send(new DescribeSecretCommand({ SecretId: Name }))), ResourceNotFoundException);
  });
});
