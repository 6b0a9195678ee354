// The STS handlers through their QueryService: forms in, XML out, on a clock the test moves.
#include <gtest/gtest.h>

#include "berth/api/sts/sts_api.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::sts {
namespace {

using namespace std::chrono_literals;

class StsTest : public ::testing::Test {
  protected:
    std::string call(const std::string& form,
                     const std::string& access_key = "AKIAIOSFODNN7EXAMPLE") {
        protocol::RequestContext ctx{"000000000000", "eu-west-1", access_key, "rid", "sts"};
        return service->invoke(ctx, "Version=2011-06-15&" + form);
    }

    // The text of the first <tag> in `xml`.
    static std::string element(const std::string& xml, const std::string& tag) {
        const auto open = xml.find("<" + tag + ">");
        if (open == std::string::npos) return "(no " + tag + ")";
        const auto start = open + tag.size() + 2;
        return xml.substr(start, xml.find("</" + tag + ">", start) - start);
    }

    std::string error_of(const std::string& form,
                         const std::string& access_key = "AKIAIOSFODNN7EXAMPLE") {
        try {
            call(form, access_key);
        } catch (const protocol::AwsError& e) {
            return e.type() + " " + std::to_string(e.http_status()) + ": " + e.what();
        }
        return "no error";
    }

    model::TimePoint now = model::TimePoint{} + 1'800'000'000s;  // 2027-01-15T08:00:00Z
    model::CredentialStore credentials;
    std::unique_ptr<protocol::QueryService> service =
        make_sts_service({credentials, "000000000000", [this] { return now; }});
};

TEST_F(StsTest, AssumedRoleCredentialsAnswerAsTheRoleUntilTheyExpire) {
    auto xml = call(
        "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fops%2Fweb"
        "&RoleSessionName=s1&DurationSeconds=900");
    EXPECT_EQ(element(xml, "Expiration"), "2027-01-15T08:15:00Z");
    EXPECT_EQ(element(xml, "Arn"), "arn:aws:sts::111122223333:assumed-role/web/s1");
    const auto key = element(xml, "AccessKeyId");
    EXPECT_TRUE(key.size() == 20 && key.starts_with("ASIA") &&
                key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == std::string::npos)
        << key;
    const auto role_id = element(xml, "AssumedRoleId");

    auto identity = call("Action=GetCallerIdentity", key);
    EXPECT_EQ(element(identity, "Account"), "111122223333");
    EXPECT_EQ(element(identity, "Arn"), "arn:aws:sts::111122223333:assumed-role/web/s1");
    EXPECT_EQ(element(identity, "UserId"), role_id);

    now += 900s;
    EXPECT_EQ(error_of("Action=GetCallerIdentity", key),
              "ExpiredToken 403: The security token included in the request is expired");
    EXPECT_FALSE(credentials.find(key, now));
}

TEST_F(StsTest, LongTermKeysAreTheirAccountsRoot) {
    auto identity = call("Action=GetCallerIdentity");
    EXPECT_EQ(element(identity, "Account"), "000000000000");
    EXPECT_EQ(element(identity, "Arn"), "arn:aws:iam::000000000000:root");
    EXPECT_EQ(element(identity, "UserId"), "000000000000");
}

TEST_F(StsTest, RefusesWhatStsRefuses) {
    const std::string role = "RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fweb";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Action=AssumeRole&" + role,
         "ValidationError 400: 1 validation error detected: Value null at 'roleSessionName' "
         "failed to satisfy constraint: Member must not be null"},
        {"Action=AssumeRole&" + role + "&RoleSessionName=s2&DurationSeconds=899",
         "ValidationError 400: 1 validation error detected: Value '899' at 'durationSeconds' "
         "failed to satisfy constraint: Member must have value greater than or equal to 900"},
        {"Action=AssumeRole&" + role + "&RoleSessionName=a%2Fb",
         "ValidationError 400: 1 validation error detected: Value 'a/b' at 'roleSessionName' "
         "failed to satisfy constraint: Member must satisfy regular expression pattern: "
         "[\\w+=,.@-]*"},
        {"Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Auser%2Fbob&RoleSessionName="
         "s2",
         "ValidationError 400: arn:aws:iam::111122223333:user/bob is invalid"},
        {"Action=AssumeRole&" + role + "&RoleSessionName=s2&Policy=%7Bnope",
         "MalformedPolicyDocument 400: The policy is not in the valid JSON format."},
        {"Action=GetFederationToken&Name=bob",
         "UnsupportedFeatureException 400: Berth does not implement the STS operation "
         "GetFederationToken yet."},
    };
    for (const auto& [form, expected] : cases) {
        SCOPED_TRACE(form);
        EXPECT_EQ(error_of(form), expected);
    }
}

TEST_F(StsTest, SessionTokensOfTheRootLastAtMostAnHour) {
    auto xml = call("Action=GetSessionToken&DurationSeconds=7200");
    EXPECT_EQ(element(xml, "Expiration"), "2027-01-15T09:00:00Z");
    const auto key = element(xml, "AccessKeyId");
    EXPECT_EQ(element(call("Action=GetCallerIdentity", key), "Arn"),
              "arn:aws:iam::000000000000:root");
    EXPECT_EQ(error_of("Action=GetSessionToken", key),
              "AccessDenied 403: Cannot call GetSessionToken with session credentials");
}

TEST_F(StsTest, RoleChainingIsLimitedToAnHour) {
    const std::string assume =
        "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fweb";
    const auto key = element(call(assume + "&RoleSessionName=aa"), "AccessKeyId");
    EXPECT_EQ(error_of(assume + "&RoleSessionName=bb&DurationSeconds=3601", key),
              "ValidationError 400: The requested DurationSeconds exceeds the 1 hour session limit "
              "for roles assumed by role chaining.");
}

TEST_F(StsTest, AccessKeyInfoPlacesKeysAsRequestsArePlaced) {
    const auto key =
        element(call("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fweb"
                     "&RoleSessionName=aa"),
                "AccessKeyId");
    EXPECT_EQ(element(call("Action=GetAccessKeyInfo&AccessKeyId=" + key), "Account"),
              "111122223333");
    EXPECT_EQ(element(call("Action=GetAccessKeyInfo&AccessKeyId=AKIAIOSFODNN7EXAMPLE"), "Account"),
              "000000000000");
}

}  // namespace
}  // namespace berth::api::sts
