#include "runtime/value_from.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

const model::PartitionKey k_task{"000000000000", "us-east-1"};
const model::PartitionKey k_other{"111122223333", "eu-west-1"};

constexpr auto asm_ = SecretSource::secrets_manager;
constexpr auto ssm = SecretSource::parameter_store;

struct Case {
    const char* value_from;
    SecretRef expected;
};

// Every form the ECS documentation gives for valueFrom.
const Case k_cases[] = {
    // Secrets Manager: full ARN (with the six-character suffix) and partial ARN (without).
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:db-pass-AbCdEf",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-pass-AbCdEf", "", "",
      ""}},
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:db-pass",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-pass", "", "", ""}},
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db/pass",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db/pass", "", "",
      ""}},
    // The suffixes: json-key, version-stage, version-id, each optional between its colons.
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf:username::",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf", "username",
      "", ""}},
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf::AWSPREVIOUS:",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf", "",
      "AWSPREVIOUS", ""}},
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf:::9d4cb84b-ad69-40c0",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf", "", "",
      "9d4cb84b-ad69-40c0"}},
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:db:password:AWSCURRENT:",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:db", "password",
      "AWSCURRENT", ""}},
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:db:password::v1",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:db", "password", "",
      "v1"}},
    {"arn:aws:secretsmanager:us-east-1:000000000000:secret:db:::",
     {asm_, k_task, "arn:aws:secretsmanager:us-east-1:000000000000:secret:db", "", "", ""}},
    // Cross-account and cross-Region: looked up where the ARN says.
    {"arn:aws:secretsmanager:eu-west-1:111122223333:secret:shared-XyZ123",
     {asm_, k_other, "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shared-XyZ123", "", "",
      ""}},
    {"arn:aws:secretsmanager:eu-west-1:111122223333:secret:shared:key::",
     {asm_, k_other, "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shared", "key", "", ""}},
    // SSM parameter names: same account and Region as the task.
    {"db-password", {ssm, k_task, "db-password", "", "", ""}},
    {"/prod/db/password", {ssm, k_task, "/prod/db/password", "", "", ""}},
    {"/prod/db/password:3", {ssm, k_task, "/prod/db/password:3", "", "", ""}},
    // A bare name is a parameter, never a Secrets Manager secret (as on ECS).
    {"db-pass-AbCdEf", {ssm, k_task, "db-pass-AbCdEf", "", "", ""}},
    // SSM parameter ARNs, in the task's partition or another.
    {"arn:aws:ssm:us-east-1:000000000000:parameter/prod/db/password",
     {ssm, k_task, "arn:aws:ssm:us-east-1:000000000000:parameter/prod/db/password", "", "", ""}},
    {"arn:aws:ssm:us-east-1:000000000000:parameter/plain",
     {ssm, k_task, "arn:aws:ssm:us-east-1:000000000000:parameter/plain", "", "", ""}},
    {"arn:aws:ssm:eu-west-1:111122223333:parameter/shared/token",
     {ssm, k_other, "arn:aws:ssm:eu-west-1:111122223333:parameter/shared/token", "", "", ""}},
};

TEST(ValueFrom, ReadsEveryDocumentedForm) {
    for (const auto& c : k_cases) {
        SCOPED_TRACE(c.value_from);
        auto ref = parse_value_from(c.value_from, k_task);
        EXPECT_EQ(ref.source, c.expected.source);
        EXPECT_EQ(ref.partition, c.expected.partition);
        EXPECT_EQ(ref.id, c.expected.id);
        EXPECT_EQ(ref.json_key, c.expected.json_key);
        EXPECT_EQ(ref.version_stage, c.expected.version_stage);
        EXPECT_EQ(ref.version_id, c.expected.version_id);
    }
}

TEST(ValueFrom, RefusesWhatEcsCannotRead) {
    const char* bad[] = {
        // One or two suffix fields: ECS wants none or all three colons.
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:db:password",
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:db:password:AWSCURRENT",
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:db:a:b:c:d",
        // Not a secret, or no id.
        "arn:aws:secretsmanager:us-east-1:000000000000:rotation:db",
        "arn:aws:secretsmanager:us-east-1:000000000000:secret:",
        // Another service, or an SSM ARN that names no parameter.
        "arn:aws:s3:::bucket/key",
        "arn:aws:ssm:us-east-1:000000000000:document/x",
        "arn:aws:ssm:us-east-1:000000000000:parameter/",
        "arn:aws",
    };
    for (const char* text : bad) {
        SCOPED_TRACE(text);
        EXPECT_THROW(parse_value_from(text, k_task), ValueFromError);
    }
}

TEST(ValueFrom, SecretsManagerFormErrorIsTheAgents) {
    try {
        parse_value_from("arn:aws:secretsmanager:us-east-1:000000000000:secret:db:key", k_task);
        FAIL() << "no error";
    } catch (const ValueFromError& e) {
        EXPECT_STREQ(e.what(),
                     "an invalid ARN format for the AWS Secrets Manager secret was specified. "
                     "Specify a valid ARN and try again.");
    }
}

TEST(ValueFrom, EmptyArnFieldsKeepTheTasksPartition) {
    auto ref = parse_value_from("arn:aws:ssm:::parameter/x", k_task);
    EXPECT_EQ(ref.partition, k_task);
}

}  // namespace
}  // namespace berth::runtime
