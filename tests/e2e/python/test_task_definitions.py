"""Task definitions through boto3: register (with ECS's validation), describe, list with
paginators, deregister and delete."""

import copy
import unittest

import botocore.exceptions

from berth_e2e import (BerthTestCase, load_sample_fargate, tags_dict, task_definition_arn,
                       unique_name)

INVALID = ("ClientException", "InvalidParameterException")


def container(name="app", **extra):
    return {"name": name, "image": "busybox", "memory": 64, "essential": True, **extra}


class TaskDefinitionTest(BerthTestCase):
    def register(self, family=None, containers=None, **kwargs):
        family = family or unique_name("py-td")
        return self.ecs.register_task_definition(
            family=family, containerDefinitions=containers or [container()], **kwargs
        )["taskDefinition"]

    def fargate(self, **overrides):
        sample = load_sample_fargate()
        sample["family"] = unique_name("py-fargate")
        sample.update(overrides)
        return sample

    def test_sample_fargate_registers_verbatim(self):
        sample = load_sample_fargate()
        td = self.ecs.register_task_definition(**copy.deepcopy(sample))["taskDefinition"]
        self.assertEqual("sample-fargate", td["family"])
        self.assertEqual(task_definition_arn(f"sample-fargate:{td['revision']}"),
                         td["taskDefinitionArn"])
        self.assertEqual("ACTIVE", td["status"])
        self.assertEqual("awsvpc", td["networkMode"])
        self.assertEqual(("256", "512"), (td["cpu"], td["memory"]))
        self.assertEqual(["FARGATE"], td["requiresCompatibilities"])
        self.assertEqual({"EC2", "FARGATE"}, set(td["compatibilities"]))
        self.assertIn("ecs.capability.task-eni", [a["name"] for a in td["requiresAttributes"]])
        self.assertIn("registeredAt", td)
        [app] = td["containerDefinitions"]
        [given] = sample["containerDefinitions"]
        for key in ("name", "image", "essential", "entryPoint", "command"):
            self.assertEqual(given[key], app[key], key)
        self.assertEqual([{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}],
                         app["portMappings"])

    def test_revisions_count_up_per_family(self):
        family = unique_name("py-rev")
        other = unique_name("py-rev-other")
        revisions = [self.register(family)["revision"] for _ in range(3)]
        self.assertEqual(1, revisions[0])
        self.assertEqual([1, 2, 3], revisions)
        self.assertEqual(1, self.register(other)["revision"])

    def test_describe_by_family_revision_and_arn(self):
        family = unique_name("py-describe")
        first = self.register(family)
        second = self.register(family)
        latest = self.ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]
        self.assertEqual(second["revision"], latest["revision"])
        by_rev = self.ecs.describe_task_definition(taskDefinition=f"{family}:1")
        self.assertEqual(first["taskDefinitionArn"], by_rev["taskDefinition"]["taskDefinitionArn"])
        by_arn = self.ecs.describe_task_definition(taskDefinition=first["taskDefinitionArn"])
        self.assertEqual(1, by_arn["taskDefinition"]["revision"])

    def test_describe_includes_tags_on_request(self):
        family = unique_name("py-tags")
        self.register(family, tags=[{"key": "owner", "value": "py"}])
        plain = self.ecs.describe_task_definition(taskDefinition=family)
        self.assertEqual([], plain.get("tags", []))
        tagged = self.ecs.describe_task_definition(taskDefinition=family, include=["TAGS"])
        self.assertEqual({"owner": "py"}, tags_dict(tagged["tags"]))

    def test_describe_unknown_family_raises_client_exception(self):
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.describe_task_definition,
                            taskDefinition=unique_name("py-unknown"))

    def test_list_task_definitions_paginator_sort_and_status(self):
        family = unique_name("py-list")
        arns = [self.register(family)["taskDefinitionArn"] for _ in range(5)]
        paginator = self.ecs.get_paginator("list_task_definitions")
        pages = list(paginator.paginate(familyPrefix=family,
                                        PaginationConfig={"PageSize": 2}))
        self.assertEqual([2, 2, 1], [len(p["taskDefinitionArns"]) for p in pages])
        self.assertEqual(arns, [a for p in pages for a in p["taskDefinitionArns"]])

        desc = paginator.paginate(familyPrefix=family, sort="DESC",
                                  PaginationConfig={"PageSize": 2}).build_full_result()
        self.assertEqual(list(reversed(arns)), desc["taskDefinitionArns"])

        self.ecs.deregister_task_definition(taskDefinition=f"{family}:2")
        active = self.ecs.list_task_definitions(familyPrefix=family)["taskDefinitionArns"]
        self.assertNotIn(arns[1], active)
        inactive = self.ecs.list_task_definitions(familyPrefix=family, status="INACTIVE")
        self.assertEqual([arns[1]], inactive["taskDefinitionArns"])

    def test_list_task_definition_families_paginator(self):
        prefix = unique_name("py-fam")
        families = [f"{prefix}-{i}" for i in range(4)]
        for family in families:
            self.register(family)
        paginator = self.ecs.get_paginator("list_task_definition_families")
        pages = list(paginator.paginate(familyPrefix=prefix, PaginationConfig={"PageSize": 3}))
        self.assertEqual(2, len(pages))
        self.assertEqual(families, [f for p in pages for f in p["families"]])

    def test_deregister_makes_the_revision_inactive_but_describable(self):
        family = unique_name("py-dereg")
        self.register(family)
        self.register(family)
        gone = self.ecs.deregister_task_definition(taskDefinition=f"{family}:2")
        self.assertEqual("INACTIVE", gone["taskDefinition"]["status"])
        self.assertEqual("INACTIVE", self.ecs.describe_task_definition(
            taskDefinition=f"{family}:2")["taskDefinition"]["status"])
        # The family's latest ACTIVE revision is now 1.
        latest = self.ecs.describe_task_definition(taskDefinition=family)["taskDefinition"]
        self.assertEqual(1, latest["revision"])

    def test_delete_task_definitions_needs_inactive_revisions(self):
        family = unique_name("py-delete")
        self.register(family)
        # ECS refuses an ACTIVE revision; accept a refusal as an error or as a failure entry.
        try:
            still_active = self.ecs.delete_task_definitions(taskDefinitions=[f"{family}:1"])
        except botocore.exceptions.ClientError as e:
            self.assertIn(e.response["Error"]["Code"], INVALID)
        else:
            self.assertEqual([], still_active.get("taskDefinitions", []))
            self.assertEqual(1, len(still_active["failures"]))
        self.assertEqual("ACTIVE", self.ecs.describe_task_definition(
            taskDefinition=f"{family}:1")["taskDefinition"]["status"])

        self.ecs.deregister_task_definition(taskDefinition=f"{family}:1")
        deleted = self.ecs.delete_task_definitions(taskDefinitions=[f"{family}:1"])
        self.assertEqual([], deleted.get("failures", []))
        self.assertEqual(["DELETE_IN_PROGRESS"],
                         [td["status"] for td in deleted["taskDefinitions"]])

    def test_deleted_revisions_are_gone_but_their_numbers_are_not_reused(self):
        family = unique_name("py-gone")
        for _ in range(3):
            self.register(family)
        for revision in (1, 3):  # nothing runs them, so they are gone at once
            self.ecs.deregister_task_definition(taskDefinition=f"{family}:{revision}")
            self.ecs.delete_task_definitions(taskDefinitions=[f"{family}:{revision}"])
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.describe_task_definition, taskDefinition=f"{family}:3")
        self.assertEqual(2, self.ecs.describe_task_definition(
            taskDefinition=f"{family}:2")["taskDefinition"]["revision"])
        self.assertEqual(4, self.register(family)["revision"])
        listed = self.ecs.get_paginator("list_task_definitions").paginate(
            familyPrefix=family).build_full_result()["taskDefinitionArns"]
        self.assertEqual([2, 4], [int(arn.rsplit(":", 1)[1]) for arn in listed])

    def test_fargate_rejects_an_invalid_cpu_memory_pair(self):
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.register_task_definition, **self.fargate(memory="4096"))

    def test_fargate_accepts_pairs_from_the_table(self):
        for cpu, memory in (("256", "1024"), ("512", "4096"), ("1024", "2048"),
                            ("2048", "16384"), ("4096", "30720")):
            with self.subTest(cpu=cpu, memory=memory):
                td = self.ecs.register_task_definition(**self.fargate(cpu=cpu, memory=memory))
                self.assertEqual((cpu, memory), (td["taskDefinition"]["cpu"],
                                                 td["taskDefinition"]["memory"]))

    def test_fargate_requires_awsvpc(self):
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.register_task_definition, **self.fargate(networkMode="bridge"))

    def test_awsvpc_host_port_must_equal_container_port(self):
        sample = self.fargate()
        sample["containerDefinitions"][0]["portMappings"] = [
            {"containerPort": 80, "hostPort": 8080, "protocol": "tcp"}]
        self.assertAwsError(self.ecs.exceptions.ClientException,
                            self.ecs.register_task_definition, **sample)

    def test_container_names_must_be_unique(self):
        self.assertAwsError(self.ecs.exceptions.ClientException, self.register,
                            containers=[container("web"), container("web")])

    def test_at_least_one_container_must_be_essential(self):
        self.assertAwsError(self.ecs.exceptions.ClientException, self.register,
                            containers=[container("a", essential=False),
                                        container("b", essential=False)])

    def test_family_name_rules(self):
        self.assertAwsError(self.ecs.exceptions.ClientException, self.register,
                            family="bad family!")
        self.assertAwsError(self.ecs.exceptions.ClientException, self.register,
                            family="x" * 256)

    def test_model_violations_are_refused_by_the_server(self):
        # botocore would catch these itself; switch its checks off so that Berth sees them.
        raw = self.client(parameter_validation=False)
        invalid = {
            "missing required containerDefinitions": {"family": unique_name("py-bad")},
            "networkMode outside its enum": {"family": unique_name("py-bad"),
                                             "networkMode": "banana",
                                             "containerDefinitions": [container()]},
        }
        for what, params in invalid.items():
            with self.subTest(what):
                self.assertErrorCodeIn(INVALID, raw.register_task_definition, **params)
        # Values of the wrong JSON type fail deserialization, as on ECS.
        wrong_type = {
            "number where a string belongs": {"family": 42,
                                              "containerDefinitions": [container()]},
            "memory as a string": {"family": unique_name("py-bad"),
                                   "containerDefinitions": [container(memory="lots")]},
        }
        for what, params in wrong_type.items():
            with self.subTest(what):
                self.assertErrorCodeIn(("SerializationException",),
                                       raw.register_task_definition, **params)

if __name__ == "__main__":
    unittest.main()
