// Clusters through the AWS SDK for JavaScript v3.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  ClusterNotFoundException,
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ECSServiceException,
  paginateListClusters,
} from "@aws-sdk/client-ecs";

import { clusterArn, suiteClient, tagsOf, uniqueName } from "./helpers.mjs";

describe("clusters", () => {
  const ecs = suiteClient();

  it("CreateCluster returns an ACTIVE cluster and DescribeClusters includes tags and settings", async () => {
    const name = uniqueName("js-cluster");
    const { cluster } = await ecs.send(new CreateClusterCommand({
      clusterName: name,
      tags: [{ key: "sdk", value: "v3" }],
      settings: [{ name: "containerInsights", value: "enabled" }],
    }));
    assert.equal(cluster.clusterArn, clusterArn(name));
    assert.equal(cluster.status, "ACTIVE");
    assert.equal(cluster.runningTasksCount, 0);

    const described = await ecs.send(new DescribeClustersCommand({
      clusters: [name],
      include: ["TAGS", "SETTINGS"],
    }));
    assert.equal(described.$metadata.httpStatusCode, 200);
    assert.equal(described.clusters.length, 1);
    assert.deepEqual(tagsOf(described.clusters[0].tags), { sdk: "v3" });
    assert.deepEqual(
      described.clusters[0].settings.filter((s) => s.name === "containerInsights"),
      [{ name: "containerInsights", value: "enabled" }],
    );
  });

  it("DescribeClusters reports unknown clusters in failures as MISSING", async () => {
    const missing = uniqueName("js-missing");
    const out = await ecs.send(new DescribeClustersCommand({ clusters: [missing] }));
    assert.deepEqual(out.clusters, []);
    assert.deepEqual(out.failures, [{ arn: clusterArn(missing), reason: "MISSING" }]);
  });

  it("paginateListClusters walks every page", async () => {
    const names = [];
    for (let i = 0; i < 5; i++) {
      const name = uniqueName("js-page");
      names.push(name);
      await ecs.send(new CreateClusterCommand({ clusterName: name }));
    }
    const pages = [];
    for await (const page of paginateListClusters({ client: ecs, pageSize: 2 }, {})) {
      pages.push(page.clusterArns);
    }
    assert.ok(pages.length >= 3, `only ${pages.length} pages`);
    assert.ok(pages.every((p) => p.length <= 2));
    const arns = pages.flat();
    assert.equal(new Set(arns).size, arns.length, "a cluster appeared on two pages");
    for (const name of names) assert.ok(arns.includes(clusterArn(name)), name);
  });

  it("DeleteCluster leaves an INACTIVE cluster", async () => {
    const name = uniqueName("js-delete");
    await ecs.send(new CreateClusterCommand({ clusterName: name }));
    const { cluster } = await ecs.send(new DeleteClusterCommand({ cluster: name }));
    assert.equal(cluster.status, "INACTIVE");
    const described = await ecs.send(new DescribeClustersCommand({ clusters: [name] }));
    assert.equal(described.clusters[0].status, "INACTIVE");
  });

  it("DeleteCluster of an unknown cluster throws ClusterNotFoundException", async () => {
    const error = await ecs
      .send(new DeleteClusterCommand({ cluster: uniqueName("js-nowhere") }))
      .then(() => assert.fail("DeleteCluster succeeded"), (e) => e);
    assert.ok(error instanceof ClusterNotFoundException, `got ${error.name}: ${error.message}`);
    assert.ok(error instanceof ECSServiceException);
    assert.equal(error.name, "ClusterNotFoundException");
    assert.equal(error.$fault, "client");
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.ok(error.message.length > 0);
  });
});
