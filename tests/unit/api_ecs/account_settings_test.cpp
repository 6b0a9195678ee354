#include "ecs_fixture.hpp"

namespace berth::api::ecs::testing {
namespace {

class AccountSettings : public EcsTest {
  protected:
    const std::string root_ = "arn:aws:iam::000000000000:root";
    const std::string role_ = "arn:aws:iam::000000000000:role/deployer";

    std::map<std::string, json> effective(const std::string& principal) {
        std::map<std::string, json> out;
        json request = {{"effectiveSettings", true}, {"principalArn", principal}};
        for (;;) {
            auto page = call("ListAccountSettings", request);
            for (const auto& s : page["settings"]) out[s["name"]] = s;
            if (!page.contains("nextToken")) break;
            request["nextToken"] = page["nextToken"];
        }
        return out;
    }
};

TEST_F(AccountSettings, EffectiveSettingsStartAtEcsDefaults) {
    auto settings = effective(root_);
    EXPECT_EQ(settings.size(), 11u);
    EXPECT_EQ(settings["serviceLongArnFormat"]["value"], "enabled");
    EXPECT_EQ(settings["containerInsights"]["value"], "disabled");
    EXPECT_EQ(settings["awsvpcTrunking"]["value"], "disabled");
    EXPECT_EQ(settings["fargateTaskRetirementWaitPeriod"]["value"], "7");
    EXPECT_EQ(settings["containerInsights"]["type"], "aws_managed");
    // Without effectiveSettings only settings that were made are listed.
    EXPECT_EQ(call("ListAccountSettings")["settings"], json::array());
}

TEST_F(AccountSettings, DefaultsPrincipalsAndDeletion) {
    auto put =
        call("PutAccountSettingDefault", {{"name", "containerInsights"}, {"value", "enabled"}});
    EXPECT_EQ(put["setting"], json({{"name", "containerInsights"},
                                    {"value", "enabled"},
                                    {"principalArn", root_},
                                    {"type", "user"}}));
    call("PutAccountSetting",
         {{"name", "containerInsights"}, {"value", "disabled"}, {"principalArn", role_}});

    EXPECT_EQ(effective(root_)["containerInsights"]["value"], "enabled");
    EXPECT_EQ(effective(role_)["containerInsights"]["value"], "disabled");
    EXPECT_EQ(call("ListAccountSettings", {{"principalArn", role_}})["settings"].size(), 1u);
    EXPECT_EQ(call("ListAccountSettings", {{"value", "enabled"}})["settings"][0]["name"],
              "containerInsights");

    // New clusters inherit the account default.
    EXPECT_EQ(call("CreateCluster", {{"clusterName", "c"}})["cluster"]["settings"][0]["value"],
              "enabled");

    auto deleted =
        call("DeleteAccountSetting", {{"name", "containerInsights"}, {"principalArn", role_}});
    EXPECT_EQ(deleted["setting"]["value"], "disabled");
    EXPECT_EQ(effective(role_)["containerInsights"]["value"], "enabled");
    call("DeleteAccountSetting", {{"name", "containerInsights"}});
    EXPECT_EQ(effective(root_)["containerInsights"]["value"], "disabled");
    // A second delete is harmless.
    EXPECT_EQ(error("DeleteAccountSetting", {{"name", "containerInsights"}}).type, "none");
}

TEST_F(AccountSettings, RefusesBadValuesAndForeignPrincipals) {
    EXPECT_EQ(
        error("PutAccountSetting", {{"name", "serviceLongArnFormat"}, {"value", "maybe"}}).type,
        "InvalidParameterException");
    EXPECT_EQ(error("PutAccountSettingDefault",
                    {{"name", "fargateTaskRetirementWaitPeriod"}, {"value", "3"}})
                  .type,
              "InvalidParameterException");
    EXPECT_EQ(error("PutAccountSetting", {{"name", "bogus"}, {"value", "enabled"}}).type,
              "InvalidParameterException");
    EXPECT_EQ(error("PutAccountSetting", {{"name", "awsvpcTrunking"},
                                          {"value", "enabled"},
                                          {"principalArn", "arn:aws:iam::111111111111:role/x"}})
                  .type,
              "InvalidParameterException");
    EXPECT_EQ(error("ListAccountSettings", {{"maxResults", 11}}).type, "InvalidParameterException");
}

}  // namespace
}  // namespace berth::api::ecs::testing
