"""SSM Parameter Store through boto3: versions, selectors, labels, paths, paginators, tags."""

import unittest

from berth_e2e import ACCOUNT, REGION, BerthTestCase, unique_name


def path_of(prefix):
    return "/" + unique_name(prefix)


class ParameterStoreTest(BerthTestCase):
    def setUp(self):
        super().setUp()
        self.ssm = self.client(service="ssm")
        self.errors = self.ssm.exceptions

    def put(self, name, value, type_="String", **kwargs):
        return self.ssm.put_parameter(Name=name, Value=value, Type=type_, **kwargs)

    def value(self, name, **kwargs):
        return self.ssm.get_parameter(Name=name, **kwargs)["Parameter"]["Value"]

    def test_versions_and_overwrite(self):
        name = path_of("py-ssm") + "/db/url"
        self.assertEqual({"Version": 1, "Tier": "Standard"},
                         {k: v for k, v in self.put(name, "one").items() if k != "ResponseMetadata"})
        self.assertAwsError(self.errors.ParameterAlreadyExists, self.put, name, "again")
        self.assertEqual(2, self.ssm.put_parameter(Name=name, Value="two", Overwrite=True)["Version"])
        got = self.ssm.get_parameter(Name=name)["Parameter"]
        self.assertEqual(("two", 2, "String", "text"),
                         (got["Value"], got["Version"], got["Type"], got["DataType"]))
        self.assertEqual(f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter{name}", got["ARN"])
        self.assertEqual("one", self.value(f"{name}:1"))
        self.assertEqual("two", self.value(got["ARN"]))
        self.assertEqual(":1", self.ssm.get_parameter(Name=f"{name}:1")["Parameter"]["Selector"])
        self.assertAwsError(self.errors.ParameterVersionNotFound, self.value, f"{name}:3")
        history = self.ssm.get_parameter_history(Name=name)["Parameters"]
        self.assertEqual([(1, "one"), (2, "two")], [(h["Version"], h["Value"]) for h in history])

    def test_secure_strings_are_hidden_without_decryption(self):
        name = path_of("py-ssm-secret")
        self.put(name, "hunter2", "SecureString")
        hidden = self.ssm.get_parameter(Name=name)["Parameter"]
        self.assertEqual("SecureString", hidden["Type"])
        self.assertNotIn("hunter2", hidden["Value"])
        self.assertEqual("hunter2", self.value(name, WithDecryption=True))
        meta = self.ssm.describe_parameters(
            ParameterFilters=[{"Key": "Name", "Values": [name]}])["Parameters"]
        self.assertEqual(["alias/aws/ssm"], [m["KeyId"] for m in meta])
        history = self.ssm.get_parameter_history(Name=name, WithDecryption=True)["Parameters"]
        self.assertEqual(["hunter2"], [h["Value"] for h in history])

    def test_get_parameters_reports_the_missing(self):
        base = path_of("py-ssm-many")
        self.put(f"{base}/a", "A")
        self.put(f"{base}/b", "B", "StringList")
        got = self.ssm.get_parameters(Names=[f"{base}/a", f"{base}/b", f"{base}/c", f"{base}/a:7"])
        self.assertEqual({f"{base}/a": "A", f"{base}/b": "B"},
                         {p["Name"]: p["Value"] for p in got["Parameters"]})
        self.assertEqual({f"{base}/c", f"{base}/a:7"}, set(got["InvalidParameters"]))

    def test_labels_move_between_versions(self):
        name = path_of("py-ssm-label")
        self.put(name, "v1")
        self.ssm.put_parameter(Name=name, Value="v2", Overwrite=True)
        out = self.ssm.label_parameter_version(Name=name, ParameterVersion=1,
                                               Labels=["prod", "1bad", "awsy"])
        self.assertEqual(1, out["ParameterVersion"])
        self.assertEqual({"1bad", "awsy"}, set(out["InvalidLabels"]))
        self.assertEqual("v1", self.value(f"{name}:prod"))
        self.assertEqual(2, self.ssm.label_parameter_version(Name=name, Labels=["prod"])
                         ["ParameterVersion"])
        self.assertEqual("v2", self.value(f"{name}:prod"))
        history = self.ssm.get_parameter_history(Name=name)["Parameters"]
        self.assertEqual([[], ["prod"]], [h.get("Labels", []) for h in history])
        self.assertAwsError(self.errors.ParameterVersionNotFound, self.value, f"{name}:blue")
        removed = self.ssm.unlabel_parameter_version(Name=name, ParameterVersion=2,
                                                     Labels=["prod", "blue"])
        self.assertEqual((["prod"], ["blue"]), (removed["RemovedLabels"], removed["InvalidLabels"]))
        self.assertAwsError(self.errors.ParameterVersionNotFound,
                            self.ssm.label_parameter_version, Name=name, ParameterVersion=9,
                            Labels=["x"])

    def test_get_parameters_by_path_with_the_paginator(self):
        base = path_of("py-ssm-path")
        names = [f"{base}/p{i:02d}" for i in range(13)] + [f"{base}/deep/er/x"]
        for n in names:
            self.put(n, n.rsplit("/", 1)[-1])
        paginator = self.ssm.get_paginator("get_parameters_by_path")
        pages = list(paginator.paginate(Path=base, PaginationConfig={"PageSize": 5}))
        self.assertEqual(3, len(pages))
        one_level = [p["Name"] for page in pages for p in page["Parameters"]]
        self.assertEqual(names[:13], one_level)
        everything = [p["Name"] for page in paginator.paginate(Path=base + "/", Recursive=True)
                      for p in page["Parameters"]]
        self.assertEqual(sorted(names), everything)
        typed = self.ssm.get_parameters_by_path(
            Path=base, Recursive=True,
            ParameterFilters=[{"Key": "Type", "Values": ["SecureString"]}])
        self.assertEqual([], typed["Parameters"])
        self.assertAwsError(self.errors.InvalidFilterKey, self.ssm.get_parameters_by_path,
                            Path=base, ParameterFilters=[{"Key": "Name", "Values": ["x"]}])
        self.assertAwsError(self.errors.InvalidNextToken, self.ssm.get_parameters_by_path,
                            Path=base, NextToken="garbage")

    def test_by_path_label_filter_answers_the_labelled_version(self):
        base = path_of("py-ssm-bylabel")
        self.put(f"{base}/a", "a1")
        self.ssm.put_parameter(Name=f"{base}/a", Value="a2", Overwrite=True)
        self.put(f"{base}/b", "b1")
        self.ssm.label_parameter_version(Name=f"{base}/a", ParameterVersion=1, Labels=["stable"])
        got = self.ssm.get_parameters_by_path(
            Path=base, ParameterFilters=[{"Key": "Label", "Values": ["stable"]}])["Parameters"]
        self.assertEqual([(f"{base}/a", "a1")], [(p["Name"], p["Value"]) for p in got])

    def test_describe_parameters_with_filters_and_the_paginator(self):
        base = path_of("py-ssm-desc")
        for i in range(12):
            self.put(f"{base}/s{i:02d}", "x", "SecureString" if i % 3 == 0 else "String",
                     Description=f"number {i}")
        paginator = self.ssm.get_paginator("describe_parameters")
        found = [p for page in paginator.paginate(
                     ParameterFilters=[{"Key": "Path", "Option": "Recursive", "Values": [base]}],
                     PaginationConfig={"PageSize": 5})
                 for p in page["Parameters"]]
        self.assertEqual([f"{base}/s{i:02d}" for i in range(12)], [p["Name"] for p in found])
        self.assertEqual("number 4", found[4]["Description"])
        secure = self.ssm.describe_parameters(ParameterFilters=[
            {"Key": "Name", "Option": "BeginsWith", "Values": [base]},
            {"Key": "Type", "Values": ["SecureString"]}], MaxResults=50)["Parameters"]
        self.assertEqual([f"{base}/s{i:02d}" for i in (0, 3, 6, 9)], [p["Name"] for p in secure])
        legacy = self.ssm.describe_parameters(Filters=[{"Key": "Name", "Values": [f"{base}/s1"]}])
        self.assertEqual([f"{base}/s{i}" for i in (10, 11)],
                         [p["Name"] for p in legacy["Parameters"]])
        self.assertAwsError(self.errors.InvalidFilterOption, self.ssm.describe_parameters,
                            ParameterFilters=[{"Key": "Type", "Option": "Contains",
                                               "Values": ["String"]}])

    def test_delete(self):
        base = path_of("py-ssm-del")
        for n in ("a", "b", "c"):
            self.put(f"{base}/{n}", n)
        self.ssm.delete_parameter(Name=f"{base}/a")
        self.assertAwsError(self.errors.ParameterNotFound, self.value, f"{base}/a")
        self.assertAwsError(self.errors.ParameterNotFound, self.ssm.delete_parameter,
                            Name=f"{base}/a")
        out = self.ssm.delete_parameters(Names=[f"{base}/b", f"{base}/c", f"{base}/zz"])
        self.assertEqual([f"{base}/b", f"{base}/c"], out["DeletedParameters"])
        self.assertEqual([f"{base}/zz"], out["InvalidParameters"])
        # A deleted name starts again at version 1.
        self.assertEqual(1, self.put(f"{base}/a", "again")["Version"])

    def test_tags(self):
        name = path_of("py-ssm-tags")
        self.put(name, "v", Tags=[{"Key": "team", "Value": "a"}])
        self.assertAwsError(self.errors.ClientError, self.ssm.put_parameter, Name=name,
                            Value="w", Overwrite=True, Tags=[{"Key": "k", "Value": "v"}])
        self.ssm.add_tags_to_resource(ResourceType="Parameter", ResourceId=name,
                                      Tags=[{"Key": "env", "Value": "dev"},
                                            {"Key": "team", "Value": "b"}])
        tags = self.ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId=name)
        self.assertEqual({"team": "b", "env": "dev"},
                         {t["Key"]: t["Value"] for t in tags["TagList"]})
        self.ssm.remove_tags_from_resource(ResourceType="Parameter", ResourceId=name,
                                           TagKeys=["team"])
        tags = self.ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId=name)
        self.assertEqual([{"Key": "env", "Value": "dev"}], tags["TagList"])
        tagged = self.ssm.describe_parameters(
            ParameterFilters=[{"Key": "tag:env", "Values": ["dev"]},
                              {"Key": "Name", "Values": [name]}])["Parameters"]
        self.assertEqual([name], [p["Name"] for p in tagged])
        self.assertAwsError(self.errors.InvalidResourceId, self.ssm.list_tags_for_resource,
                            ResourceType="Parameter", ResourceId=name + "-missing")

    def test_name_rules(self):
        too_deep = "".join(f"/l{i}" for i in range(16))
        self.assertAwsError(self.errors.HierarchyLevelLimitExceededException, self.put,
                            too_deep, "x")
        for bad in ("aws-thing", "/ssm/x", "no/leading/slash", "/has space/x", "/a//b"):
            err = self.assertAwsError(self.errors.ClientError, self.put, bad, "x")
            self.assertEqual("ValidationException", err.response["Error"]["Code"], bad)
        err = self.assertAwsError(self.errors.ClientError, self.ssm.put_parameter,
                                  Name=path_of("py-ssm-notype"), Value="x")
        self.assertEqual("ValidationException", err.response["Error"]["Code"])

    def test_allowed_pattern_and_tiers(self):
        name = path_of("py-ssm-pattern")
        self.assertAwsError(self.errors.ParameterPatternMismatchException, self.put, name, "abc",
                            AllowedPattern=r"^\d+$")
        self.assertEqual(1, self.put(name, "123", AllowedPattern=r"^\d+$")["Version"])
        big = path_of("py-ssm-big")
        err = self.assertAwsError(self.errors.ClientError, self.put, big, "x" * 5000)
        self.assertEqual("ValidationException", err.response["Error"]["Code"])
        self.assertEqual("Advanced",
                         self.put(big, "x" * 5000, Tier="Intelligent-Tiering")["Tier"])
        small = path_of("py-ssm-small")
        self.assertEqual("Standard", self.put(small, "x", Tier="Intelligent-Tiering")["Tier"])
        self.assertEqual("Advanced", self.ssm.put_parameter(Name=small, Value="y", Tier="Advanced",
                                                            Overwrite=True)["Tier"])
        err = self.assertAwsError(self.errors.ClientError, self.ssm.put_parameter, Name=small,
                                  Value="z", Tier="Standard", Overwrite=True)
        self.assertEqual("ValidationException", err.response["Error"]["Code"])

    def test_hundred_versions_and_a_labelled_oldest(self):
        name = path_of("py-ssm-window")
        self.put(name, "v1")
        self.ssm.label_parameter_version(Name=name, ParameterVersion=1, Labels=["first"])
        for i in range(2, 101):
            self.ssm.put_parameter(Name=name, Value=f"v{i}", Overwrite=True)
        self.assertAwsError(self.errors.ParameterMaxVersionLimitExceeded,
                            self.ssm.put_parameter, Name=name, Value="v101", Overwrite=True)
        self.ssm.label_parameter_version(Name=name, ParameterVersion=2, Labels=["first"])
        self.assertEqual(101, self.ssm.put_parameter(Name=name, Value="v101",
                                                     Overwrite=True)["Version"])
        self.assertAwsError(self.errors.ParameterVersionNotFound, self.value, f"{name}:1")
        pages = self.ssm.get_paginator("get_parameter_history").paginate(Name=name)
        versions = [h["Version"] for page in pages for h in page["Parameters"]]
        self.assertEqual(list(range(2, 102)), versions)


if __name__ == "__main__":
    unittest.main()
