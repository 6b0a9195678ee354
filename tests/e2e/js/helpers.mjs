// Shared helpers for the AWS SDK for JavaScript v3 suite.
//
// Every client made by makeClient() records the raw body of every response Berth sends and
// checks it against the output shape of the operation in the repository's ECS model
// (api-models/): no member the shape does not declare, the declared JSON type for every value
// (timestamps as epoch seconds), no nulls; error bodies carry a string __type and message.
// Tests call expectConforming(client) at the end to assert that nothing was found;
// suiteClient() does both for a describe() block.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after } from "node:test";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { ECSClient } from "@aws-sdk/client-ecs";

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = process.env.BERTH_SOURCE_DIR ?? join(here, "..", "..", "..");

export const ENDPOINT = process.env.BERTH_ENDPOINT;
export const ACCOUNT = "000000000000";
export const REGION = "us-east-1";
const RUN_ID = process.env.BERTH_RUN_ID ?? String(process.pid);

if (!ENDPOINT) {
  throw new Error("BERTH_ENDPOINT is not set: run through tests/e2e/run-suite.sh");
}

let counter = 0;
export function uniqueName(prefix) {
  counter += 1;
  return `${prefix}-${RUN_ID}-${process.pid}-${counter}`;
}

export const clusterArn = (name, region = REGION) =>
  `arn:aws:ecs:${region}:${ACCOUNT}:cluster/${name}`;
export const taskDefinitionArn = (familyRevision, region = REGION) =>
  `arn:aws:ecs:${region}:${ACCOUNT}:task-definition/${familyRevision}`;

export function loadSampleFargate() {
  return JSON.parse(readFileSync(join(here, "..", "data", "sample-fargate.json"), "utf8"));
}

// A service's model by its file prefix in api-models/ ("ecs", "logs", "secretsmanager", ...).
const models = new Map();
function modelOf(service) {
  if (!models.has(service)) {
    const dir = join(sourceDir, "api-models");
    const file = readdirSync(dir).find((f) =>
      new RegExp(`^${service}-\\d{4}-\\d{2}-\\d{2}\\.service\\.json$`).test(f));
    if (!file) throw new Error(`no model for ${service} in ${dir}`);
    models.set(service, JSON.parse(readFileSync(join(dir, file), "utf8")));
  }
  return models.get(service);
}

function checkValue(model, shapeName, value, path, problems) {
  const shape = model.shapes[shapeName];
  const expect = (ok, what) => {
    if (!ok) problems.push(`${path}: expected ${what} (${shapeName}), got ${JSON.stringify(value)}`);
  };
  if (value === null) {
    problems.push(`${path}: null (${shapeName}); absent members must be omitted`);
    return;
  }
  switch (shape.type) {
    case "structure": {
      const isObject = typeof value === "object" && !Array.isArray(value);
      expect(isObject, "an object");
      if (!isObject) return;
      const members = shape.members ?? {};
      for (const [key, member] of Object.entries(value)) {
        if (!(key in members)) problems.push(`${path}: unknown member ${key} (not in ${shapeName})`);
        else checkValue(model, members[key].shape, member, `${path}.${key}`, problems);
      }
      return;
    }
    case "list":
      expect(Array.isArray(value), "a list");
      if (Array.isArray(value)) {
        value.forEach((item, i) => checkValue(model, shape.member.shape, item, `${path}[${i}]`, problems));
      }
      return;
    case "map": {
      const isObject = typeof value === "object" && !Array.isArray(value);
      expect(isObject, "a map");
      if (isObject) {
        for (const [key, item] of Object.entries(value)) {
          checkValue(model, shape.value.shape, item, `${path}[${key}]`, problems);
        }
      }
      return;
    }
    case "string":
    case "blob":
      expect(typeof value === "string", "a string");
      return;
    case "boolean":
      expect(typeof value === "boolean", "a boolean");
      return;
    case "integer":
    case "long":
      expect(Number.isInteger(value), "an integer");
      return;
    case "timestamp":
      expect(typeof value === "number", "epoch seconds");
      return;
    case "float":
    case "double":
      expect(typeof value === "number", "a number");
      return;
    default:
      problems.push(`${path}: shape type ${shape.type} is not checked by this suite`);
  }
}

export function checkResponse(operation, status, bodyText, service = "ecs") {
  const model = modelOf(service);
  const problems = [];
  let body;
  try {
    body = bodyText.trim() ? JSON.parse(bodyText) : {};
  } catch (e) {
    return [`${operation}: HTTP ${status} body is not JSON: ${bodyText.slice(0, 200)}`];
  }
  if (status === 200) {
    const op = model.operations[operation];
    if (!op) return [`${operation}: not an operation of the model`];
    if (op.output) checkValue(model, op.output.shape, body, operation, problems);
    else if (Object.keys(body).length) problems.push(`${operation}: has no output shape`);
  } else if (status >= 400 && status < 500) {
    if (typeof body.__type !== "string" || !body.__type) {
      problems.push(`${operation} error: __type missing: ${bodyText.slice(0, 200)}`);
    }
    const message = body.message ?? body.Message;
    if (typeof message !== "string") problems.push(`${operation} error: message missing`);
  } else {
    problems.push(`${operation}: HTTP ${status}: ${bodyText.slice(0, 300)}`);
  }
  return problems;
}

// Sits right above the HTTP handler (the innermost deserialize middleware), so it sees the
// raw response before the SDK parses it, reads the body once and hands the bytes on.
function recordingMiddleware(problems, service) {
  return (next, context) => async (args) => {
    const result = await next(args);
    const response = result.response;
    const chunks = [];
    for await (const chunk of response.body) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    response.body = new Uint8Array(bytes);
    problems.push(...checkResponse(context.commandName.replace(/Command$/, ""),
      response.statusCode, bytes.toString("utf8"), service));
    return result;
  };
}

const DEFAULT_CREDENTIALS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

// A client of any SDK v3 service (ECSClient by default) whose JSON responses are checked
// against `service`'s model; query/XML services (STS, ELBv2) are not checked here.
// `credentials` as the SDK takes them (e.g. those STS AssumeRole returned).
export function makeClient({
  region = REGION, Client = ECSClient, service = "ecs", credentials = DEFAULT_CREDENTIALS,
  config = {},  // more client configuration (e.g. Cloud Map's disableHostPrefix)
} = {}) {
  const client = new Client({ endpoint: ENDPOINT, region, credentials, maxAttempts: 1, ...config });
  client.shapeProblems = [];
  if (modelOf(service).metadata.protocol !== "json") return client;
  client.middlewareStack.add(recordingMiddleware(client.shapeProblems, service), {
    step: "deserialize",
    priority: "low",
    name: "berthResponseRecorder",
  });
  return client;
}

export function expectConforming(client) {
  assert.deepEqual(client.shapeProblems, [], "responses that do not match the model");
}

// The client of one describe() block, made when the block is defined: after its tests it is
// checked with expectConforming and destroyed. Call it inside describe(), not inside a test.
export function suiteClient(options) {
  const client = makeClient(options);
  after(() => {
    expectConforming(client);
    client.destroy();
  });
  return client;
}

export const tagsOf = (tags = []) => Object.fromEntries(tags.map((t) => [t.key, t.value]));
