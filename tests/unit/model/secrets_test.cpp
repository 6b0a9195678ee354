#include "berth/model/secrets.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>

namespace berth::model {
namespace {

using namespace std::chrono_literals;

const PartitionKey k_east{"000000000000", "us-east-1"};
const PartitionKey k_west{"000000000000", "eu-west-1"};

SecretVersion version(std::string id, std::vector<std::string> stages, std::string value = "v") {
    return {std::move(id), std::move(stages), {std::move(value), std::nullopt}, {}, std::nullopt};
}

std::vector<std::string> stages_of(const Secret& s, std::string_view id) {
    return s.version(id)->stages;
}

using Stages = std::vector<std::string>;

TEST(Secret, NewCurrentVersionLeavesPreviousBehind) {
    Secret s;
    s.add_version(version("v1", {"AWSCURRENT"}));
    s.add_version(version("v2", {"AWSCURRENT"}));
    EXPECT_EQ(stages_of(s, "v1"), Stages{"AWSPREVIOUS"});
    EXPECT_EQ(stages_of(s, "v2"), Stages{"AWSCURRENT"});
    s.add_version(version("v3", {"AWSCURRENT"}));
    EXPECT_TRUE(stages_of(s, "v1").empty());  // deprecated
    EXPECT_EQ(stages_of(s, "v2"), Stages{"AWSPREVIOUS"});
    EXPECT_EQ(s.version_with_stage("AWSCURRENT")->id, "v3");
}

TEST(Secret, PendingVersionLeavesCurrentAlone) {
    Secret s;
    s.add_version(version("v1", {"AWSCURRENT"}));
    s.add_version(version("v2", {"AWSPENDING", "custom"}));
    EXPECT_EQ(stages_of(s, "v1"), Stages{"AWSCURRENT"});
    EXPECT_EQ(stages_of(s, "v2"), (Stages{"AWSPENDING", "custom"}));
    // A custom label moves like any other: off the version that had it.
    s.add_version(version("v3", {"custom"}));
    EXPECT_EQ(stages_of(s, "v2"), Stages{"AWSPENDING"});
}

TEST(Secret, AttachingCurrentMovesPreviousAndDetachDeprecates) {
    Secret s;
    s.add_version(version("v1", {"AWSCURRENT"}));
    s.add_version(version("v2", {"AWSPENDING"}));
    s.attach_stage("AWSCURRENT", "v2");
    s.detach_stage("AWSPENDING", "v2");
    EXPECT_EQ(stages_of(s, "v1"), Stages{"AWSPREVIOUS"});
    EXPECT_EQ(stages_of(s, "v2"), Stages{"AWSCURRENT"});
    // Moving it back swaps the two.
    s.attach_stage("AWSCURRENT", "v1");
    EXPECT_EQ(stages_of(s, "v1"), Stages{"AWSCURRENT"});
    EXPECT_EQ(stages_of(s, "v2"), Stages{"AWSPREVIOUS"});
    // Attaching a label a version already has changes nothing.
    s.attach_stage("AWSCURRENT", "v1");
    EXPECT_EQ(stages_of(s, "v2"), Stages{"AWSPREVIOUS"});
    s.detach_stage("AWSPREVIOUS", "v2");
    EXPECT_TRUE(stages_of(s, "v2").empty());
}

TEST(Secret, SelectVersionByStageIdOrBoth) {
    Secret s;
    s.add_version(version("v1", {"AWSCURRENT"}));
    s.add_version(version("v2", {"AWSPENDING"}));
    EXPECT_EQ(select_version(s, "", "")->id, "v1");
    EXPECT_EQ(select_version(s, "AWSPENDING", "")->id, "v2");
    EXPECT_EQ(select_version(s, "", "v2")->id, "v2");
    EXPECT_EQ(select_version(s, "AWSPENDING", "v2")->id, "v2");
    EXPECT_EQ(select_version(s, "AWSCURRENT", "v2"), nullptr);  // must name the same version
    EXPECT_EQ(select_version(s, "AWSPREVIOUS", ""), nullptr);
    EXPECT_EQ(select_version(s, "", "v9"), nullptr);
}

TEST(SecretArn, HasSixAlphanumericsAfterTheName) {
    auto arn = new_secret_arn(k_east, "db/password");
    const std::string prefix = "arn:aws:secretsmanager:us-east-1:000000000000:secret:db/password-";
    ASSERT_EQ(arn.size(), prefix.size() + 6);
    EXPECT_EQ(arn.substr(0, prefix.size()), prefix);
    for (char c : arn.substr(prefix.size()))
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
}

class SecretStoreTest : public ::testing::Test {
  protected:
    TimePoint now = TimePoint{} + 1000h;
    SecretStore store{[this] { return now; }};
    std::string arn;

    void SetUp() override {
        arn = store.write(k_east, [&](SecretPartition& p) {
            auto& s = p.by_name["db"];
            s.name = "db";
            s.arn = new_secret_arn(k_east, "db");
            s.add_version(version("v1", {"AWSCURRENT"}, "one"));
            s.add_version(version("v2", {"AWSCURRENT"}, "two"));
            return s.arn;
        });
    }
};

TEST_F(SecretStoreTest, FindsValueByNameFullArnAndPartialArn) {
    for (std::string id : {std::string("db"), arn, arn.substr(0, arn.size() - 7)}) {
        auto v = store.find_value(k_east, id);
        ASSERT_TRUE(v.has_value()) << id;
        EXPECT_EQ(v->secret_string, "two");
        EXPECT_EQ(v->version_id, "v2");
        EXPECT_EQ(v->arn, arn);
        EXPECT_EQ(v->name, "db");
    }
    EXPECT_EQ(store.find_value(k_east, "db", "AWSPREVIOUS")->secret_string, "one");
    EXPECT_EQ(store.find_value(k_east, "db", "", "v1")->secret_string, "one");
    EXPECT_FALSE(store.find_value(k_east, "db", "AWSPENDING"));
    EXPECT_FALSE(store.find_value(k_east, "dbx"));
    EXPECT_FALSE(store.find_value(k_east, arn + "x"));
    EXPECT_FALSE(store.find_value(k_west, "db"));  // another region sees nothing
}

TEST_F(SecretStoreTest, ScheduledDeletionHidesTheValueAndTheWindowEndRemovesTheSecret) {
    store.write(k_east, [&](SecretPartition& p) { p.find("db")->deletion_date = now + 7 * 24h; });
    EXPECT_FALSE(store.find_value(k_east, "db"));
    EXPECT_TRUE(
        store.read(k_east, [](const SecretPartition& p) { return p.find("db") != nullptr; }));
    now += 7 * 24h;
    EXPECT_FALSE(
        store.read(k_east, [](const SecretPartition& p) { return p.find("db") != nullptr; }));
}

}  // namespace
}  // namespace berth::model
