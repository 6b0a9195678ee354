// Cloud Map with the SDK v3: namespaces polled through GetOperation, services, instances,
// DiscoverInstances (disableHostPrefix: the model's data- prefix would change the host),
// health, and the modeled error classes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreateServiceCommand,
  CustomHealthNotFound,
  DeleteNamespaceCommand,
  DeleteServiceCommand,
  DeregisterInstanceCommand,
  DiscoverInstancesCommand,
  GetInstancesHealthStatusCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  InvalidInput,
  ListOperationsCommand,
  NamespaceAlreadyExists,
  NamespaceNotFound,
  OperationNotFound,
  RegisterInstanceCommand,
  ResourceInUse,
  ServiceAlreadyExists,
  ServiceDiscoveryClient,
  ServiceDiscoveryServiceException,
  ServiceNotFound,
  UpdateInstanceCustomHealthStatusCommand,
  paginateListNamespaces,
} from "@aws-sdk/client-servicediscovery";

import { suiteClient, uniqueName } from "./helpers.mjs";

const failure = (promise) => promise.then(() => assert.fail("the call succeeded"), (e) => e);

describe("cloud map", () => {
  const sd = suiteClient({
    Client: ServiceDiscoveryClient,
    service: "servicediscovery",
    config: { disableHostPrefix: true },
  });

  // Polls GetOperation until the operation ends; returns it and the statuses seen.
  async function waitOperation(OperationId) {
    const seen = [];
    for (let i = 0; i < 30; i++) {
      const { Operation } = await sd.send(new GetOperationCommand({ OperationId }));
      seen.push(Operation.Status);
      if (Operation.Status === "SUCCESS" || Operation.Status === "FAIL") return { Operation, seen };
    }
    assert.fail(`operation ${OperationId} never finished: ${seen}`);
  }

  async function privateNamespace(Name) {
    const { OperationId } = await sd.send(
      new CreatePrivateDnsNamespaceCommand({ Name, Vpc: "vpc-12345678" }));
    const { Operation, seen } = await waitOperation(OperationId);
    assert.deepEqual(seen, ["SUBMITTED", "SUCCESS"]);
    return Operation.Targets.NAMESPACE;
  }

  it("creates namespaces asynchronously and lists them", async () => {
    const name = uniqueName("js-http");
    const { OperationId } = await sd.send(new CreateHttpNamespaceCommand({ Name: name }));
    const { Operation } = await waitOperation(OperationId);
    assert.equal(Operation.Type, "CREATE_NAMESPACE");
    assert.ok(Operation.CreateDate instanceof Date);
    const id = Operation.Targets.NAMESPACE;
    const { Namespace } = await sd.send(new GetNamespaceCommand({ Id: id }));
    assert.equal(Namespace.Properties.HttpProperties.HttpName, name);
    const names = [];
    for await (const page of paginateListNamespaces({ client: sd }, {})) {
      names.push(...page.Namespaces.map((n) => n.Name));
    }
    assert.ok(names.includes(name));
    const ops = await sd.send(new ListOperationsCommand({
      Filters: [{ Name: "NAMESPACE_ID", Values: [id], Condition: "EQ" }],
    }));
    assert.deepEqual(ops.Operations.map((o) => o.Id), [OperationId]);

    const again = await failure(sd.send(new CreateHttpNamespaceCommand({ Name: name })));
    assert.ok(again instanceof NamespaceAlreadyExists);
    assert.ok(again instanceof ServiceDiscoveryServiceException);
    await waitOperation((await sd.send(new DeleteNamespaceCommand({ Id: id }))).OperationId);
    assert.ok(await failure(sd.send(new GetNamespaceCommand({ Id: id }))) instanceof NamespaceNotFound);
    assert.ok(await failure(sd.send(new GetOperationCommand({ OperationId: "nope" })))
      instanceof OperationNotFound);
  });

  it("registers, discovers and deregisters instances", async () => {
    const zone = `${uniqueName("js-zone")}.local`;
    const ns = await privateNamespace(zone);
    const { Service } = await sd.send(new CreateServiceCommand({
      Name: "backend", NamespaceId: ns,
      DnsConfig: { DnsRecords: [{ Type: "A", TTL: 10 }] },
      HealthCheckCustomConfig: {},
    }));
    assert.ok(await failure(sd.send(new CreateServiceCommand({ Name: "backend", NamespaceId: ns })))
      instanceof ServiceAlreadyExists);
    assert.ok(await failure(sd.send(new RegisterInstanceCommand({
      ServiceId: Service.Id, InstanceId: "bad", Attributes: { color: "red" },
    }))) instanceof InvalidInput);
    for (const [i, color] of ["blue", "green"].entries()) {
      const { OperationId } = await sd.send(new RegisterInstanceCommand({
        ServiceId: Service.Id, InstanceId: color,
        Attributes: { AWS_INSTANCE_IPV4: `10.0.0.${i + 1}`, color },
      }));
      assert.equal((await waitOperation(OperationId)).Operation.Type, "REGISTER_INSTANCE");
    }
    await sd.send(new UpdateInstanceCustomHealthStatusCommand({
      ServiceId: Service.Id, InstanceId: "green", Status: "UNHEALTHY",
    }));
    const discover = async (extra = {}) => {
      const { Instances } = await sd.send(new DiscoverInstancesCommand({
        NamespaceName: zone, ServiceName: "backend", ...extra,
      }));
      return Instances.map((i) => i.InstanceId).sort();
    };
    assert.deepEqual(await discover(), ["blue"]);
    assert.deepEqual(await discover({ HealthStatus: "ALL" }), ["blue", "green"]);
    assert.deepEqual(await discover({ HealthStatus: "ALL", QueryParameters: { color: "green" } }),
      ["green"]);
    const { Status } = await sd.send(new GetInstancesHealthStatusCommand({ ServiceId: Service.Id }));
    assert.deepEqual(Status, { blue: "HEALTHY", green: "UNHEALTHY" });
    assert.ok(await failure(sd.send(new DiscoverInstancesCommand({
      NamespaceName: zone, ServiceName: "nope",
    }))) instanceof ServiceNotFound);
    assert.ok(await failure(sd.send(new DeleteServiceCommand({ Id: Service.Id })))
      instanceof ResourceInUse);
    assert.ok(await failure(sd.send(new DeleteNamespaceCommand({ Id: ns }))) instanceof ResourceInUse);
    for (const InstanceId of ["blue", "green"]) {
      await sd.send(new DeregisterInstanceCommand({ ServiceId: Service.Id, InstanceId }));
    }
    assert.deepEqual(await discover({ HealthStatus: "ALL" }), []);
    await sd.send(new DeleteServiceCommand({ Id: Service.Id }));
    await waitOperation((await sd.send(new DeleteNamespaceCommand({ Id: ns }))).OperationId);
  });

  it("refuses custom health on a service without a custom health check", async () => {
    const ns = await privateNamespace(`${uniqueName("js-health")}.local`);
    const { Service } = await sd.send(new CreateServiceCommand({
      Name: "plain", NamespaceId: ns, DnsConfig: { DnsRecords: [{ Type: "A", TTL: 5 }] },
    }));
    await sd.send(new RegisterInstanceCommand({
      ServiceId: Service.Id, InstanceId: "i1", Attributes: { AWS_INSTANCE_IPV4: "10.0.0.9" },
    }));
    const e = await failure(sd.send(new UpdateInstanceCustomHealthStatusCommand({
      ServiceId: Service.Id, InstanceId: "i1", Status: "HEALTHY",
    })));
    assert.ok(e instanceof CustomHealthNotFound);
    assert.equal(e.$metadata.httpStatusCode, 400);
  });
});
