#include "runtime/task_secrets.hpp"

#include <gtest/gtest.h>

#include "berth/docker/registry_auth.hpp"
#include "runtime/steps.hpp"
#include "support/secret_stores.hpp"

namespace berth::runtime {
namespace {

using nlohmann::json;

const model::PartitionKey k_task{"000000000000", "us-east-1"};
const model::PartitionKey k_other{"111122223333", "eu-west-1"};
const std::string k_prefix =
    "ResourceInitializationError: unable to pull secrets or registry auth: execution resource "
    "retrieval failed: ";
const std::string k_asm =
    k_prefix + "unable to retrieve secret from asm: service call has been retried 1 time(s): ";

class TaskSecretsTest : public ::testing::Test {
  protected:
    model::SecretStore secrets_;
    model::ParameterStore parameters_;
    SecretSources sources_{&secrets_, &parameters_};

    std::shared_ptr<const model::TaskDefinitionBody> definition(json container) {
        container["name"] = "app";
        container["image"] = "busybox";
        return model::read_task_definition(
            {{"family", "f"}, {"containerDefinitions", json::array({container})}});
    }

    TaskSecrets resolve(json container) {
        return resolve_task_secrets(sources_, k_task, *definition(std::move(container)));
    }

    // The stoppedReason resolving `container` fails with.
    std::string failure(json container) {
        try {
            resolve(std::move(container));
        } catch (const StepFailure& e) {
            return e.what();
        }
        return "no failure";
    }

    static json secrets(std::initializer_list<std::pair<const char*, std::string>> named) {
        json out = json::array();
        for (const auto& [name, value_from] : named) {
            out.push_back({{"name", name}, {"valueFrom", value_from}});
        }
        return out;
    }
};

TEST_F(TaskSecretsTest, ReadsSecretsParametersAndSecretOptions) {
    const auto doc = test::put_secret(secrets_, k_task, "db", R"({"user":"admin","pw":"one"})");
    test::put_secret(secrets_, k_task, "db", R"({"user":"admin","pw":"two"})");
    const auto shared = test::put_secret(secrets_, k_other, "shared", "from afar");
    test::put_parameter(parameters_, k_task, "/app/token", "tok");
    test::put_parameter(parameters_, k_other, "/x/y", "far param");
    const auto partial = doc.substr(0, doc.size() - 7);
    auto out = resolve(
        {{"secrets", secrets({{"WHOLE", doc},
                              {"PW", partial + ":pw::"},
                              {"OLD_PW", doc + ":pw:AWSPREVIOUS:"},
                              {"SHARED", shared},
                              {"TOKEN", "/app/token"},
                              {"FAR", "arn:aws:ssm:eu-west-1:111122223333:parameter/x/y"}})},
         {"logConfiguration",
          {{"logDriver", "splunk"},
           {"secretOptions", secrets({{"splunk-token", "/app/token"}})}}}});
    const auto* app = out.of("app");
    ASSERT_NE(app, nullptr);
    EXPECT_EQ(app->environment,
              (std::vector<model::NameValue>{{"WHOLE", R"({"user":"admin","pw":"two"})"},
                                             {"PW", "two"},
                                             {"OLD_PW", "one"},
                                             {"SHARED", "from afar"},
                                             {"TOKEN", "tok"},
                                             {"FAR", "far param"}}));
    EXPECT_EQ(app->log_options, (std::vector<model::NameValue>{{"splunk-token", "tok"}}));
    EXPECT_TRUE(app->registry_auth.empty());
    EXPECT_EQ(out.of("other"), nullptr);
}

TEST_F(TaskSecretsTest, WhatCannotBeReadIsEcssReason) {
    const auto doc = test::put_secret(secrets_, k_task, "db", R"({"user":"admin"})");
    const std::string gone = "arn:aws:secretsmanager:us-east-1:000000000000:secret:gone-AbCdEf";
    EXPECT_EQ(failure({{"secrets", secrets({{"X", gone}})}}),
              k_asm + "failed to fetch secret " + gone +
                  " from secrets manager: ResourceNotFoundException: Secrets Manager can't find "
                  "the specified secret.");
    // The secret is in the task's own account, not in the one the ARN names.
    const auto elsewhere = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db";
    EXPECT_NE(failure({{"secrets", secrets({{"X", elsewhere}})}}).find("failed to fetch secret"),
              std::string::npos);
    EXPECT_EQ(failure({{"secrets", secrets({{"X", doc + "::AWSPREVIOUS:"}})}}),
              k_asm + "failed to fetch secret " + doc +
                  " from secrets manager: ResourceNotFoundException: Secrets Manager can't find "
                  "the specified secret value for staging label: AWSPREVIOUS");
    EXPECT_EQ(failure({{"secrets", secrets({{"X", doc + ":::no-such-version"}})}}),
              k_asm + "failed to fetch secret " + doc +
                  " from secrets manager: ResourceNotFoundException: Secrets Manager can't find "
                  "the specified secret value for VersionId: no-such-version");
    EXPECT_EQ(failure({{"secrets", secrets({{"X", doc + ":password::"}})}}),
              k_asm + "retrieved secret from Secrets Manager did not contain json key password");
    EXPECT_EQ(failure({{"secrets", secrets({{"X", "/no/such/parameter"}})}}),
              k_prefix +
                  "unable to retrieve secrets from ssm: service call has been retried 1 time(s): "
                  "invalid ssm parameters: /no/such/parameter");
    EXPECT_EQ(failure({{"secrets", secrets({{"X", doc.substr(0, doc.size() - 7) + ":a"}})}}),
              k_asm + "trying to retrieve secret with value " + doc.substr(0, doc.size() - 7) +
                  ":a resulted in error: an invalid ARN format for the AWS Secrets Manager secret "
                  "was specified. Specify a valid ARN and try again.");
    // secretOptions fail the same way.
    EXPECT_EQ(failure({{"logConfiguration",
                        {{"logDriver", "splunk"}, {"secretOptions", secrets({{"t", "/none"}})}}}}),
              k_prefix +
                  "unable to retrieve secrets from ssm: service call has been retried 1 time(s): "
                  "invalid ssm parameters: /none");
}

TEST_F(TaskSecretsTest, WithoutStoresNothingIsFound) {
    sources_ = {};
    EXPECT_NE(failure({{"secrets", secrets({{"X", "/p"}})}}).find("invalid ssm parameters: /p"),
              std::string::npos);
}

TEST_F(TaskSecretsTest, RepositoryCredentialsBecomeTheRegistryAuth) {
    test::put_secret(secrets_, k_task, "registry", R"({"username":"me","password":"pw"})");
    auto out = resolve({{"repositoryCredentials", {{"credentialsParameter", "registry"}}}});
    EXPECT_EQ(out.of("app")->registry_auth, docker::encode_registry_auth({"me", "pw", ""}));

    const std::string auth = k_prefix +
                             "unable to get registry auth from asm: service call has been "
                             "retried 1 time(s): ";
    EXPECT_EQ(failure({{"repositoryCredentials", {{"credentialsParameter", "absent"}}}}),
              auth +
                  "asm fetching secret from the service for absent: "
                  "ResourceNotFoundException: Secrets Manager can't find the specified secret.");
    test::put_secret(secrets_, k_task, "half", R"({"username":"me"})");
    EXPECT_EQ(failure({{"repositoryCredentials", {{"credentialsParameter", "half"}}}}),
              auth + "asm fetching password: AuthorizationData is malformed, empty field");
}

TEST_F(TaskSecretsTest, EnvironmentFilesStopTheTaskNamingTheFile) {
    EXPECT_EQ(failure({{"environmentFiles",
                        {{{"value", "arn:aws:s3:::bucket/dir/app.env"}, {"type", "s3"}}}}}),
              "ResourceInitializationError: failed to download env files: unable to download env "
              "file with key dir/app.env from bucket bucket, error: NoSuchBucket: Berth serves no "
              "S3, so environmentFiles cannot be loaded");
}

TEST_F(TaskSecretsTest, ResolvedValuesGoIntoTheContainerDefinition) {
    TaskSecrets resolved;
    resolved.containers["app"] = {{{"TOKEN", "secret"}, {"NEW", "n"}}, {{"splunk-token", "t"}}, ""};
    json def = {
        {"name", "app"},
        {"environment", {{{"name", "TOKEN"}, {"value", "plain"}}, {{"name", "A"}, {"value", "1"}}}},
        {"logConfiguration", {{"logDriver", "splunk"}, {"options", {{"splunk-url", "u"}}}}}};
    add_resolved_secrets(def, &resolved);
    EXPECT_EQ(def["environment"], json({{{"name", "TOKEN"}, {"value", "secret"}},
                                        {{"name", "A"}, {"value", "1"}},
                                        {{"name", "NEW"}, {"value", "n"}}}));
    EXPECT_EQ(def["logConfiguration"]["options"],
              json({{"splunk-url", "u"}, {"splunk-token", "t"}}));
    // Another container, or no secrets at all: unchanged.
    json other = {{"name", "side"}};
    add_resolved_secrets(other, &resolved);
    add_resolved_secrets(other, nullptr);
    EXPECT_EQ(other, json({{"name", "side"}}));
}

}  // namespace
}  // namespace berth::runtime
