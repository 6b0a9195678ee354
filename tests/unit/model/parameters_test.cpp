#include "berth/model/parameters.hpp"

#include <gtest/gtest.h>

#include <string>

namespace berth::model {
namespace {

const PartitionKey k_east{"123456789012", "us-east-1"};
const PartitionKey k_west{"123456789012", "eu-west-1"};

ParameterVersion value(std::string v, ParameterType type = ParameterType::string) {
    ParameterVersion version;
    version.value = std::move(v);
    version.type = type;
    return version;
}

Parameter with_versions(std::string name, int count) {
    Parameter p;
    p.name = std::move(name);
    for (int i = 1; i <= count; ++i) p.add_version(value("v" + std::to_string(i)));
    return p;
}

void put(ParameterStore& store, const PartitionKey& key, const Parameter& parameter) {
    store.write(key, [&](ParameterPartition& p) { p.parameters[parameter.name] = parameter; });
}

TEST(Parameters, VersionsCountFromOne) {
    auto p = with_versions("/app/db", 3);
    EXPECT_EQ(p.latest().version, 3);
    EXPECT_EQ(p.latest().value, "v3");
    ASSERT_NE(p.find_version(1), nullptr);
    EXPECT_EQ(p.find_version(1)->value, "v1");
    EXPECT_EQ(p.find_version(4), nullptr);
}

TEST(Parameters, TheWindowDropsTheOldestUnlabelledVersion) {
    auto p = with_versions("a", 100);
    ASSERT_TRUE(p.can_add_version());
    EXPECT_EQ(p.add_version(value("next")), 101);
    EXPECT_EQ(p.versions.size(), Parameter::k_max_versions);
    EXPECT_EQ(p.find_version(1), nullptr);
    EXPECT_EQ(p.versions.front().version, 2);
}

TEST(Parameters, ALabelOnTheOldestVersionBlocksANewOne) {
    auto p = with_versions("a", 100);
    ASSERT_TRUE(p.attach_labels(1, {"keep"}));
    EXPECT_FALSE(p.can_add_version());
    ASSERT_TRUE(p.attach_labels(2, {"keep"}));  // moving it frees version 1
    EXPECT_TRUE(p.can_add_version());
}

TEST(Parameters, ALabelMovesBetweenVersions) {
    auto p = with_versions("a", 3);
    ASSERT_TRUE(p.attach_labels(1, {"prod", "blue"}));
    ASSERT_TRUE(p.attach_labels(3, {"prod"}));
    EXPECT_EQ(p.find_label("prod")->version, 3);
    EXPECT_EQ(p.find_label("blue")->version, 1);
    EXPECT_EQ(p.find_version(1)->labels, std::vector<std::string>{"blue"});
    EXPECT_EQ(p.find_label("green"), nullptr);
}

TEST(Parameters, NewVersionsCarryNoLabels) {
    auto p = with_versions("a", 1);
    auto v = value("x");
    v.labels = {"stale"};
    p.add_version(v);
    EXPECT_TRUE(p.latest().labels.empty());
}

TEST(Parameters, TenLabelsPerVersionAtMost) {
    auto p = with_versions("a", 2);
    std::vector<std::string> ten;
    for (int i = 0; i < 10; ++i) ten.push_back("l" + std::to_string(i));
    ASSERT_TRUE(p.attach_labels(1, ten));
    ASSERT_TRUE(p.attach_labels(1, {"l0"}));  // already there: no change in count
    ASSERT_TRUE(p.attach_labels(2, {"other"}));
    EXPECT_FALSE(p.attach_labels(1, {"other"}));
    EXPECT_EQ(p.find_label("other")->version, 2);  // nothing moved
}

TEST(Parameters, DetachReportsLabelsNotOnTheVersion) {
    auto p = with_versions("a", 2);
    ASSERT_TRUE(p.attach_labels(1, {"x", "y"}));
    EXPECT_EQ(p.detach_labels(1, {"x", "z"}), std::vector<std::string>{"z"});
    EXPECT_EQ(p.find_label("x"), nullptr);
    EXPECT_EQ(p.detach_labels(2, {"y"}), std::vector<std::string>{"y"});
}

TEST(Parameters, LabelRules) {
    EXPECT_TRUE(valid_parameter_label("prod"));
    EXPECT_TRUE(valid_parameter_label("Release_1.2-b"));
    EXPECT_FALSE(valid_parameter_label(""));
    EXPECT_FALSE(valid_parameter_label("1st"));
    EXPECT_FALSE(valid_parameter_label("AWSlabel"));
    EXPECT_FALSE(valid_parameter_label("ssm-x"));
    EXPECT_FALSE(valid_parameter_label("has space"));
    EXPECT_FALSE(valid_parameter_label("a/b"));
    EXPECT_FALSE(valid_parameter_label(std::string(101, 'a')));
}

TEST(Parameters, ArnsDropTheLeadingSlash) {
    EXPECT_EQ(parameter_arn(k_east, "/app/db"),
              "arn:aws:ssm:us-east-1:123456789012:parameter/app/db");
    EXPECT_EQ(parameter_arn(k_east, "plain"), "arn:aws:ssm:us-east-1:123456789012:parameter/plain");
}

TEST(Parameters, SelectorsSplitOffVersionOrLabel) {
    auto s = parse_parameter_selector("/a/b:7");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "/a/b");
    EXPECT_EQ(s->version, 7);
    EXPECT_FALSE(s->label);
    s = parse_parameter_selector("a:prod");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->label, "prod");
    s = parse_parameter_selector("arn:aws:ssm:us-east-1:123456789012:parameter/a/b:2");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "arn:aws:ssm:us-east-1:123456789012:parameter/a/b");
    EXPECT_EQ(s->version, 2);
    s = parse_parameter_selector("arn:aws:ssm:us-east-1:123456789012:parameter/a");
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->version);
    EXPECT_FALSE(s->label);
    EXPECT_FALSE(parse_parameter_selector("a:"));
    EXPECT_FALSE(parse_parameter_selector("a:99999999999999999999"));
}

TEST(ParameterStore, FindsByNameArnVersionAndLabel) {
    ParameterStore store;
    auto p = with_versions("/app/db", 3);
    p.attach_labels(2, {"prod"});
    put(store, k_east, p);

    auto latest = store.find(k_east, "/app/db");
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->version, 3);
    EXPECT_EQ(latest->value, "v3");
    EXPECT_EQ(latest->type, "String");
    EXPECT_EQ(latest->arn, "arn:aws:ssm:us-east-1:123456789012:parameter/app/db");

    EXPECT_EQ(store.find(k_east, "/app/db:1")->value, "v1");
    EXPECT_EQ(store.find(k_east, "/app/db:prod")->value, "v2");
    EXPECT_EQ(store.find(k_east, latest->arn)->value, "v3");
    EXPECT_EQ(store.find(k_east, latest->arn + ":prod")->version, 2);

    EXPECT_FALSE(store.find(k_east, "/app/db:9"));
    EXPECT_FALSE(store.find(k_east, "/app/db:blue"));
    EXPECT_FALSE(store.find(k_east, "/app/other"));
    EXPECT_FALSE(store.find(k_east, "app/db"));
}

TEST(ParameterStore, PartitionsAreIndependent) {
    ParameterStore store;
    put(store, k_east, with_versions("shared", 1));
    EXPECT_TRUE(store.find(k_east, "shared"));
    EXPECT_FALSE(store.find(k_west, "shared"));
    // An ARN of another region names nothing here, even when the name exists here.
    put(store, k_west, with_versions("shared", 1));
    EXPECT_FALSE(store.find(k_west, parameter_arn(k_east, "shared")));
}

TEST(ParameterStore, OneLevelArnsFindEitherSpelling) {
    ParameterStore store;
    put(store, k_east, with_versions("/top", 1));
    EXPECT_EQ(store.find(k_east, parameter_arn(k_east, "/top"))->name, "/top");
    put(store, k_east, with_versions("top", 2));
    EXPECT_EQ(store.find(k_east, parameter_arn(k_east, "top"))->name, "top");
}

TEST(ParameterStore, SecureStringsComeBackInClear) {
    ParameterStore store;
    Parameter p;
    p.name = "/secret";
    p.add_version(value("hunter2", ParameterType::secure_string));
    put(store, k_east, p);
    auto found = store.find(k_east, "/secret");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->type, "SecureString");
    EXPECT_EQ(found->value, "hunter2");
}

}  // namespace
}  // namespace berth::model
