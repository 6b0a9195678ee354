#include <gtest/gtest.h>

#include "secretsmanager_fixture.hpp"

namespace berth::api::secretsmanager::testing {
namespace {

std::vector<std::string> names(const json& list) {
    std::vector<std::string> out;
    for (const auto& e : list) out.push_back(e.at("Name"));
    return out;
}

using Names = std::vector<std::string>;

class ListSecretsTest : public SecretsManagerTest {
  protected:
    void SetUp() override {
        // Created a second apart, in this order.
        for (const auto* n : {"prod/db", "dev/db", "prod/api"}) {
            call("CreateSecret",
                 {{"Name", n},
                  {"SecretString", "x"},
                  {"Description", std::string("The ") + n + " secret"},
                  {"Tags",
                   {{{"Key", "stage"},
                     {"Value", std::string(n).substr(0, std::string(n).find('/'))}}}}});
            now_ += std::chrono::seconds(1);
        }
    }

    Names list(const json& body) { return names(call("ListSecrets", body).at("SecretList")); }
};

TEST_F(ListSecretsTest, SortsByCreationUnlessAsked) {
    EXPECT_EQ(list(json::object()), (Names{"prod/db", "dev/db", "prod/api"}));
    EXPECT_EQ(list({{"SortOrder", "desc"}}), (Names{"prod/api", "dev/db", "prod/db"}));
    EXPECT_EQ(list({{"SortBy", "name"}}), (Names{"dev/db", "prod/api", "prod/db"}));
}

TEST_F(ListSecretsTest, FiltersArePrefixesAndNegations) {
    EXPECT_EQ(list({{"Filters", {{{"Key", "name"}, {"Values", {"prod"}}}}}}),
              (Names{"prod/db", "prod/api"}));
    EXPECT_EQ(list({{"Filters", {{{"Key", "name"}, {"Values", {"!prod"}}}}}}), (Names{"dev/db"}));
    EXPECT_TRUE(list({{"Filters", {{{"Key", "name"}, {"Values", {"PROD"}}}}}}).empty());
    EXPECT_EQ(list({{"Filters", {{{"Key", "description"}, {"Values", {"the dev"}}}}}}),
              (Names{"dev/db"}));
    EXPECT_EQ(list({{"Filters", {{{"Key", "tag-value"}, {"Values", {"dev", "prod"}}}}}}).size(),
              3u);
    EXPECT_EQ(list({{"Filters",
                     {{{"Key", "tag-key"}, {"Values", {"stage"}}},
                      {{"Key", "name"}, {"Values", {"dev"}}}}}}),
              (Names{"dev/db"}));
    EXPECT_EQ(list({{"Filters", {{{"Key", "all"}, {"Values", {"PROD/A"}}}}}}), (Names{"prod/api"}));
    EXPECT_EQ(list({{"Filters", {{{"Key", "primary-region"}, {"Values", {"us-east"}}}}}}).size(),
              3u);
}

TEST_F(ListSecretsTest, PagesFollowNextToken) {
    Names seen;
    json body{{"MaxResults", 2}};
    for (int pages = 1;; ++pages) {
        auto out = call("ListSecrets", body);
        for (auto& n : names(out.at("SecretList"))) seen.push_back(n);
        if (!out.contains("NextToken")) {
            EXPECT_EQ(pages, 2);
            break;
        }
        body["NextToken"] = out.at("NextToken");
    }
    EXPECT_EQ(seen, (Names{"prod/db", "dev/db", "prod/api"}));
    EXPECT_EQ(error("ListSecrets", {{"NextToken", "garbage"}}).type, "InvalidNextTokenException");
}

TEST_F(ListSecretsTest, BatchGetByIdsOrFilters) {
    auto out = call("BatchGetSecretValue", {{"SecretIdList", {"prod/db", "missing"}}});
    EXPECT_EQ(names(out.at("SecretValues")), (Names{"prod/db"}));
    ASSERT_EQ(out.at("Errors").size(), 1u);
    EXPECT_EQ(out.at("Errors")[0].at("ErrorCode"), "ResourceNotFoundException");
    EXPECT_EQ(out.at("Errors")[0].at("SecretId"), "missing");
    out = call("BatchGetSecretValue",
               {{"Filters", {{{"Key", "name"}, {"Values", {"prod"}}}}}, {"MaxResults", 1}});
    EXPECT_EQ(names(out.at("SecretValues")), (Names{"prod/api"}));
    ASSERT_TRUE(out.contains("NextToken"));
    out = call("BatchGetSecretValue", {{"Filters", {{{"Key", "name"}, {"Values", {"prod"}}}}},
                                       {"NextToken", out.at("NextToken")}});
    EXPECT_EQ(names(out.at("SecretValues")), (Names{"prod/db"}));
    EXPECT_EQ(error("BatchGetSecretValue", json::object()).type, "InvalidParameterException");
    EXPECT_EQ(error("BatchGetSecretValue", {{"SecretIdList", {"a"}}, {"MaxResults", 1}}).type,
              "InvalidParameterException");
}

}  // namespace
}  // namespace berth::api::secretsmanager::testing
