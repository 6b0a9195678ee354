// EFS volumes at registration (prepare_task_definition): the authorization rules the API
// reference states, and rootDirectory "/" filled in as ECS describes it.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/ecs/task_definition_document.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {
namespace {

using nlohmann::json;

json with_efs(json efs) {
    efs["fileSystemId"] = "fs-12345678";
    return {{"family", "files"},
            {"containerDefinitions",
             {{{"name", "app"},
               {"image", "busybox"},
               {"memory", 128},
               {"mountPoints", {{{"sourceVolume", "data"}, {"containerPath", "/data"}}}}}}},
            {"volumes", {{{"name", "data"}, {"efsVolumeConfiguration", efs}}}}};
}

std::string refusal(const json& efs) {
    try {
        prepare_task_definition(with_efs(efs));
    } catch (const protocol::AwsError& e) {
        EXPECT_EQ(e.type(), "ClientException");
        return e.what();
    }
    return "";
}

const json k_access_point = {{"accessPointId", "fsap-1234567890abcdef0"}};

TEST(TaskDefinitionEfs, AnAccessPointFixesTheRootDirectory) {
    EXPECT_EQ(refusal({{"rootDirectory", "/data"},
                       {"transitEncryption", "ENABLED"},
                       {"authorizationConfig", k_access_point}}),
              "When using an EFS access point, the root directory must either be set to \"/\" or "
              "be omitted.");
    EXPECT_EQ(refusal({{"rootDirectory", "/"},
                       {"transitEncryption", "ENABLED"},
                       {"authorizationConfig", k_access_point}}),
              "");
    EXPECT_EQ(refusal({{"transitEncryption", "ENABLED"}, {"authorizationConfig", k_access_point}}),
              "");
    EXPECT_EQ(refusal({{"rootDirectory", "/data"}}), "") << "without an access point, any root";
}

TEST(TaskDefinitionEfs, AccessPointsAndIamNeedTransitEncryption) {
    EXPECT_EQ(refusal({{"authorizationConfig", k_access_point}}),
              "Transit encryption must be enabled if an EFS access point is used.");
    EXPECT_EQ(
        refusal({{"transitEncryption", "DISABLED"}, {"authorizationConfig", {{"iam", "ENABLED"}}}}),
        "Transit encryption must be enabled if Amazon EFS IAM authorization is used.");
    EXPECT_EQ(refusal({{"authorizationConfig", {{"iam", "ENABLED"}}}}),
              "Transit encryption must be enabled if Amazon EFS IAM authorization is used.")
        << "transitEncryption defaults to DISABLED";
    EXPECT_EQ(
        refusal({{"transitEncryption", "ENABLED"}, {"authorizationConfig", {{"iam", "ENABLED"}}}}),
        "");
    EXPECT_EQ(refusal({{"authorizationConfig", {{"iam", "DISABLED"}}}}), "");
}

TEST(TaskDefinitionEfs, ATransitEncryptionPortNeedsTransitEncryption) {
    const std::string refused =
        "Transit encryption port can only be specified when transit encryption is enabled.";
    EXPECT_EQ(refusal({{"transitEncryptionPort", 2049}}), refused);
    EXPECT_EQ(refusal({{"transitEncryption", "DISABLED"}, {"transitEncryptionPort", 2049}}),
              refused);
    EXPECT_EQ(refusal({{"transitEncryption", "ENABLED"}, {"transitEncryptionPort", 2049}}), "");
}

TEST(TaskDefinitionEfs, AnOmittedRootDirectoryIsDescribedAsTheRoot) {
    auto doc = prepare_task_definition(with_efs(json::object()));
    EXPECT_EQ(doc["volumes"][0]["efsVolumeConfiguration"]["rootDirectory"], "/");
    auto given = prepare_task_definition(with_efs({{"rootDirectory", "/data"}}));
    EXPECT_EQ(given["volumes"][0]["efsVolumeConfiguration"]["rootDirectory"], "/data");
}

}  // namespace
}  // namespace berth::api::ecs
