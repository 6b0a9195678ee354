#include <gtest/gtest.h>

#include "berth/protocol/base64.hpp"
#include "secretsmanager_fixture.hpp"

namespace berth::api::secretsmanager::testing {
namespace {

using namespace std::chrono_literals;

TEST_F(SecretsManagerTest, CreateThenGetByNameFullAndPartialArn) {
    auto created =
        call("CreateSecret",
             {{"Name", "db/pass"}, {"SecretString", "hunter2"}, {"ClientRequestToken", token(1)}});
    const auto arn = created.at("ARN").get<std::string>();
    EXPECT_EQ(created.at("VersionId"), token(1));
    EXPECT_TRUE(arn.starts_with("arn:aws:secretsmanager:us-east-1:000000000000:secret:db/pass-"));
    for (const auto& id : {std::string("db/pass"), arn, arn.substr(0, arn.size() - 7)}) {
        auto got = call("GetSecretValue", {{"SecretId", id}});
        EXPECT_EQ(got.at("SecretString"), "hunter2") << id;
        EXPECT_EQ(got.at("VersionStages"), json::array({"AWSCURRENT"}));
        EXPECT_EQ(got.at("ARN"), arn);
    }
    auto missing = error("GetSecretValue", {{"SecretId", "nope"}});
    EXPECT_EQ(missing.type, "ResourceNotFoundException");
    EXPECT_EQ(missing.message, "Secrets Manager can't find the specified secret.");
}

TEST_F(SecretsManagerTest, BinarySecretsTravelAsBase64AndStayRawInTheStore) {
    const std::string raw("\x00\x01\xff", 3);
    call("CreateSecret", {{"Name", "bin"}, {"SecretBinary", protocol::base64_encode(raw)}});
    auto got = call("GetSecretValue", {{"SecretId", "bin"}});
    EXPECT_EQ(got.at("SecretBinary"), protocol::base64_encode(raw));
    EXPECT_FALSE(got.contains("SecretString"));
    EXPECT_EQ(secrets_.find_value({"000000000000", "us-east-1"}, "bin")->secret_binary, raw);
    EXPECT_EQ(
        error("CreateSecret", {{"Name", "both"}, {"SecretString", "a"}, {"SecretBinary", "YQ=="}})
            .type,
        "InvalidParameterException");
}

TEST_F(SecretsManagerTest, CreateIsIdempotentOnItsTokenAndValue) {
    json body{{"Name", "app"}, {"SecretString", "one"}, {"ClientRequestToken", token(1)}};
    auto first = call("CreateSecret", body);
    EXPECT_EQ(call("CreateSecret", body), first);
    body["SecretString"] = "two";
    EXPECT_EQ(error("CreateSecret", body).type, "ResourceExistsException");
    body["ClientRequestToken"] = token(2);
    auto taken = error("CreateSecret", body);
    EXPECT_EQ(taken.type, "ResourceExistsException");
    EXPECT_EQ(taken.message, "The operation failed because the secret app already exists.");
    EXPECT_EQ(error("CreateSecret", {{"Name", "bad name!"}}).type, "InvalidParameterException");
}

TEST_F(SecretsManagerTest, PutSecretValueMovesCurrentAndPrevious) {
    call("CreateSecret",
         {{"Name", "s"}, {"SecretString", "one"}, {"ClientRequestToken", token(1)}});
    auto put = call("PutSecretValue",
                    {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", token(2)}});
    EXPECT_EQ(put.at("VersionStages"), json::array({"AWSCURRENT"}));
    call("PutSecretValue",
         {{"SecretId", "s"}, {"SecretString", "three"}, {"ClientRequestToken", token(3)}});
    EXPECT_EQ(call("GetSecretValue", {{"SecretId", "s"}}).at("SecretString"), "three");
    EXPECT_EQ(call("GetSecretValue", {{"SecretId", "s"}, {"VersionStage", "AWSPREVIOUS"}})
                  .at("SecretString"),
              "two");
    // The first version has no label left: deprecated, listed only on request.
    auto stages = call("DescribeSecret", {{"SecretId", "s"}}).at("VersionIdsToStages");
    EXPECT_EQ(stages.size(), 2u);
    EXPECT_FALSE(stages.contains(token(1)));
    EXPECT_EQ(call("ListSecretVersionIds", {{"SecretId", "s"}}).at("Versions").size(), 2u);
    EXPECT_EQ(call("ListSecretVersionIds", {{"SecretId", "s"}, {"IncludeDeprecated", true}})
                  .at("Versions")
                  .size(),
              3u);
    // A retried put changes nothing; the same token with another value is refused.
    call("PutSecretValue",
         {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", token(2)}});
    EXPECT_EQ(call("GetSecretValue", {{"SecretId", "s"}}).at("SecretString"), "three");
    EXPECT_EQ(
        error("PutSecretValue",
              {{"SecretId", "s"}, {"SecretString", "other"}, {"ClientRequestToken", token(2)}})
            .type,
        "ResourceExistsException");
    auto no_stage = error("GetSecretValue", {{"SecretId", "s"}, {"VersionStage", "AWSPENDING"}});
    EXPECT_EQ(no_stage.type, "ResourceNotFoundException");
    EXPECT_EQ(
        no_stage.message,
        "Secrets Manager can't find the specified secret value for staging label: AWSPENDING");
}

TEST_F(SecretsManagerTest, PendingVersionPromotedByUpdateSecretVersionStage) {
    call("CreateSecret",
         {{"Name", "s"}, {"SecretString", "one"}, {"ClientRequestToken", token(1)}});
    call("PutSecretValue", {{"SecretId", "s"},
                            {"SecretString", "two"},
                            {"ClientRequestToken", token(2)},
                            {"VersionStages", {"AWSPENDING"}}});
    EXPECT_EQ(call("GetSecretValue", {{"SecretId", "s"}}).at("SecretString"), "one");
    // AWSCURRENT is on version 1: moving it needs RemoveFromVersionId naming that version.
    EXPECT_EQ(
        error("UpdateSecretVersionStage",
              {{"SecretId", "s"}, {"VersionStage", "AWSCURRENT"}, {"MoveToVersionId", token(2)}})
            .type,
        "InvalidParameterException");
    call("UpdateSecretVersionStage", {{"SecretId", "s"},
                                      {"VersionStage", "AWSCURRENT"},
                                      {"MoveToVersionId", token(2)},
                                      {"RemoveFromVersionId", token(1)}});
    auto stages = call("DescribeSecret", {{"SecretId", "s"}}).at("VersionIdsToStages");
    EXPECT_EQ(stages.at(token(1)), json::array({"AWSPREVIOUS"}));
    EXPECT_EQ(stages.at(token(2)), json::array({"AWSPENDING", "AWSCURRENT"}));
    call("UpdateSecretVersionStage",
         {{"SecretId", "s"}, {"VersionStage", "AWSPENDING"}, {"RemoveFromVersionId", token(2)}});
    EXPECT_EQ(call("DescribeSecret", {{"SecretId", "s"}}).at("VersionIdsToStages").at(token(2)),
              json::array({"AWSCURRENT"}));
    EXPECT_EQ(error("UpdateSecretVersionStage", {{"SecretId", "s"},
                                                 {"VersionStage", "AWSCURRENT"},
                                                 {"RemoveFromVersionId", token(2)}})
                  .type,
              "InvalidParameterException");
}

TEST_F(SecretsManagerTest, DeleteRestoreAndTheRecoveryWindow) {
    create("s");
    EXPECT_EQ(error("DeleteSecret", {{"SecretId", "s"},
                                     {"RecoveryWindowInDays", 7},
                                     {"ForceDeleteWithoutRecovery", true}})
                  .type,
              "InvalidParameterException");
    EXPECT_EQ(error("DeleteSecret", {{"SecretId", "s"}, {"RecoveryWindowInDays", 6}}).type,
              "InvalidParameterException");
    auto deleted = call("DeleteSecret", {{"SecretId", "s"}});
    EXPECT_DOUBLE_EQ(deleted.at("DeletionDate").get<double>(),
                     model::to_epoch_seconds(now_ + std::chrono::days(30)));
    auto marked = error("GetSecretValue", {{"SecretId", "s"}});
    EXPECT_EQ(marked.type, "InvalidRequestException");
    EXPECT_EQ(error("PutSecretValue", {{"SecretId", "s"}, {"SecretString", "x"}}).type,
              "InvalidRequestException");
    EXPECT_EQ(error("CreateSecret", {{"Name", "s"}}).type, "InvalidRequestException");
    EXPECT_TRUE(call("DescribeSecret", {{"SecretId", "s"}}).contains("DeletedDate"));
    EXPECT_TRUE(call("ListSecrets", json::object()).at("SecretList").empty());
    EXPECT_EQ(call("ListSecrets", {{"IncludePlannedDeletion", true}}).at("SecretList").size(), 1u);
    call("RestoreSecret", {{"SecretId", "s"}});
    EXPECT_FALSE(call("DescribeSecret", {{"SecretId", "s"}}).contains("DeletedDate"));
    EXPECT_EQ(call("GetSecretValue", {{"SecretId", "s"}}).at("SecretString"), "v1");
    // Past the window the secret is gone for good.
    call("DeleteSecret", {{"SecretId", "s"}, {"RecoveryWindowInDays", 7}});
    now_ += std::chrono::days(7);
    EXPECT_EQ(error("DescribeSecret", {{"SecretId", "s"}}).type, "ResourceNotFoundException");
    // A forced delete is at once, and of a secret that does not exist no error.
    create("t");
    call("DeleteSecret", {{"SecretId", "t"}, {"ForceDeleteWithoutRecovery", true}});
    EXPECT_EQ(error("DescribeSecret", {{"SecretId", "t"}}).type, "ResourceNotFoundException");
    EXPECT_EQ(error("DeleteSecret", {{"SecretId", "t"}, {"ForceDeleteWithoutRecovery", true}}).type,
              "none");
    EXPECT_EQ(error("DeleteSecret", {{"SecretId", "t"}}).type, "ResourceNotFoundException");
}

TEST_F(SecretsManagerTest, UpdateSecretChangesDescriptionAndAddsAVersion) {
    call("CreateSecret", {{"Name", "s"}, {"Description", "old"}});
    EXPECT_EQ(error("GetSecretValue", {{"SecretId", "s"}}).type, "ResourceNotFoundException");
    auto updated = call("UpdateSecret", {{"SecretId", "s"}, {"Description", "new"}});
    EXPECT_FALSE(updated.contains("VersionId"));
    updated = call("UpdateSecret", {{"SecretId", "s"}, {"SecretString", "val"}});
    EXPECT_TRUE(updated.contains("VersionId"));
    auto described = call("DescribeSecret", {{"SecretId", "s"}});
    EXPECT_EQ(described.at("Description"), "new");
    EXPECT_EQ(call("GetSecretValue", {{"SecretId", "s"}}).at("SecretString"), "val");
}

TEST_F(SecretsManagerTest, TagsAreAddedReplacedAndRemoved) {
    call("CreateSecret", {{"Name", "s"}, {"Tags", {{{"Key", "env"}, {"Value", "dev"}}}}});
    call("TagResource",
         {{"SecretId", "s"},
          {"Tags", {{{"Key", "env"}, {"Value", "prod"}}, {{"Key", "team"}, {"Value", "a"}}}}});
    auto tags = call("DescribeSecret", {{"SecretId", "s"}}).at("Tags");
    EXPECT_EQ(tags, (json{{{"Key", "env"}, {"Value", "prod"}}, {{"Key", "team"}, {"Value", "a"}}}));
    call("UntagResource", {{"SecretId", "s"}, {"TagKeys", {"env"}}});
    EXPECT_EQ(call("DescribeSecret", {{"SecretId", "s"}}).at("Tags").size(), 1u);
    EXPECT_EQ(error("TagResource", {{"SecretId", "x"}, {"Tags", json::array()}}).type,
              "ResourceNotFoundException");
}

}  // namespace
}  // namespace berth::api::secretsmanager::testing
