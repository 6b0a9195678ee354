// SSM Parameter Store with the SDK v3: put and get with selectors, SecureString decryption,
// paginateGetParametersByPath and paginateDescribeParameters, labels, and modeled errors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  GetParametersCommand,
  HierarchyLevelLimitExceededException,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  ParameterVersionNotFound,
  PutParameterCommand,
  SSMClient,
  SSMServiceException,
  paginateDescribeParameters,
  paginateGetParametersByPath,
} from "@aws-sdk/client-ssm";

import { ACCOUNT, REGION, suiteClient, uniqueName } from "./helpers.mjs";

const failure = (promise) => promise.then(() => assert.fail("the call succeeded"), (e) => e);

async function collect(pages, member = "Parameters") {
  const items = [];
  for await (const page of pages) items.push(...page[member]);
  return items;
}

describe("ssm parameter store", () => {
  const ssm = suiteClient({ Client: SSMClient, service: "ssm" });
  const put = (Name, Value, extra = {}) =>
    ssm.send(new PutParameterCommand({ Name, Value, Type: "String", ...extra }));
  const get = (Name, extra = {}) => ssm.send(new GetParameterCommand({ Name, ...extra }));

  it("puts versions and reads them by name, ARN, version and label", async () => {
    const name = `/${uniqueName("js-ssm")}/config`;
    assert.equal((await put(name, "one")).Version, 1);
    const again = await failure(put(name, "two"));
    assert.ok(again instanceof ParameterAlreadyExists, `got ${again.name}`);
    assert.equal((await put(name, "two", { Overwrite: true })).Version, 2);
    const latest = (await get(name)).Parameter;
    assert.equal(latest.Value, "two");
    assert.ok(latest.LastModifiedDate instanceof Date);
    assert.equal(latest.ARN, `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${name}`);
    assert.equal((await get(`${latest.ARN}:1`)).Parameter.Value, "one");
    await ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ["old"] }));
    const labelled = (await get(`${name}:old`)).Parameter;
    assert.equal(labelled.Value, "one");
    assert.equal(labelled.Selector, ":old");
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: name }));
    assert.deepEqual(history.Parameters.map((h) => [h.Version, h.Labels ?? []]), [[1, ["old"]], [2, []]]);
  });

  it("hides SecureString values unless decrypted", async () => {
    const name = `/${uniqueName("js-ssm-secure")}`;
    await put(name, "p@ss", { Type: "SecureString", Tags: [{ Key: "team", Value: "js" }] });
    assert.notEqual((await get(name)).Parameter.Value, "p@ss");
    assert.equal((await get(name, { WithDecryption: true })).Parameter.Value, "p@ss");
    const both = await ssm.send(new GetParametersCommand({ Names: [name, `${name}-no`], WithDecryption: true }));
    assert.deepEqual(both.Parameters.map((p) => p.Value), ["p@ss"]);
    assert.deepEqual(both.InvalidParameters, [`${name}-no`]);
    const tags = await ssm.send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: name }));
    assert.deepEqual(tags.TagList, [{ Key: "team", Value: "js" }]);
  });

  it("pages through a path with paginateGetParametersByPath", async () => {
    const base = `/${uniqueName("js-ssm-path")}`;
    const names = [];
    for (let i = 0; i < 11; i += 1) {
      names.push(`${base}/app/k${String(i).padStart(2, "0")}`);
      await put(names.at(-1), `v${i}`);
    }
    await put(`${base}/app/nested/deeper`, "x");
    const oneLevel = await collect(paginateGetParametersByPath({ client: ssm, pageSize: 4 }, { Path: `${base}/app` }));
    assert.deepEqual(oneLevel.map((p) => p.Name), names);
    const all = await collect(paginateGetParametersByPath({ client: ssm }, { Path: base, Recursive: true }));
    assert.equal(all.length, 12);
    const described = await collect(paginateDescribeParameters({ client: ssm, pageSize: 5 }, {
      ParameterFilters: [{ Key: "Name", Option: "BeginsWith", Values: [`${base}/app/k`] }],
    }));
    assert.deepEqual(described.map((p) => p.Name), names);
  });

  it("throws the modeled error classes", async () => {
    const name = `/${uniqueName("js-ssm-err")}`;
    const missing = await failure(get(name));
    assert.ok(missing instanceof ParameterNotFound, `got ${missing.name}`);
    assert.ok(missing instanceof SSMServiceException);
    assert.equal(missing.$metadata.httpStatusCode, 400);
    await put(name, "v");
    const noVersion = await failure(get(`${name}:5`));
    assert.ok(noVersion instanceof ParameterVersionNotFound, `got ${noVersion.name}`);
    const deep = await failure(put(`${name}${"/x".repeat(15)}`, "v"));
    assert.ok(deep instanceof HierarchyLevelLimitExceededException, `got ${deep.name}`);
    const invalid = await failure(put("aws-reserved", "v"));
    assert.equal(invalid.name, "ValidationException");
    await ssm.send(new DeleteParameterCommand({ Name: name }));
    const gone = await failure(ssm.send(new DeleteParameterCommand({ Name: name })));
    assert.ok(gone instanceof ParameterNotFound, `got ${gone.name}`);
  });
});
