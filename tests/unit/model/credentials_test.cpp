#include "berth/model/credentials.hpp"

#include <gtest/gtest.h>

namespace berth::model {
namespace {

using namespace std::chrono_literals;

const PartitionKey k_partition{"123456789012", "eu-west-1"};
const TimePoint k_now = TimePoint{} + 1'800'000'000s;

bool all_of(std::string_view text, std::string_view alphabet) {
    return text.find_first_not_of(alphabet) == std::string_view::npos;
}

TEST(CredentialStore, IssuesWellFormedTemporaryCredentials) {
    CredentialStore store;
    auto c = store.issue(k_partition, "arn:aws:iam::123456789012:role/app/web", "s1", 900s, k_now);
    EXPECT_EQ(c.access_key_id.size(), 20u);
    EXPECT_TRUE(c.access_key_id.starts_with("ASIA"));
    EXPECT_TRUE(all_of(c.access_key_id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"));
    EXPECT_EQ(c.secret_access_key.size(), 40u);
    EXPECT_FALSE(c.session_token.empty());
    EXPECT_EQ(c.expiration, k_now + 900s);
    EXPECT_EQ(c.partition, k_partition);
    EXPECT_EQ(c.role_arn, "arn:aws:iam::123456789012:role/app/web");
    EXPECT_EQ(c.assumed_role_arn, "arn:aws:sts::123456789012:assumed-role/web/s1");
    ASSERT_EQ(c.assumed_role_id.size(), 21u + 3u);
    EXPECT_TRUE(c.assumed_role_id.starts_with("AROA"));
    EXPECT_TRUE(c.assumed_role_id.ends_with(":s1"));
}

TEST(CredentialStore, GivesOneRoleOneUniqueIdAndEachIssueNewKeys) {
    CredentialStore store;
    auto a = store.issue(k_partition, "arn:aws:iam::123456789012:role/web", "a", 900s, k_now);
    auto b = store.issue(k_partition, "arn:aws:iam::123456789012:role/web", "b", 900s, k_now);
    auto other = store.issue(k_partition, "arn:aws:iam::123456789012:role/db", "a", 900s, k_now);
    EXPECT_NE(a.access_key_id, b.access_key_id);
    EXPECT_NE(a.secret_access_key, b.secret_access_key);
    EXPECT_EQ(a.assumed_role_id.substr(0, 21), b.assumed_role_id.substr(0, 21));
    EXPECT_NE(a.assumed_role_id.substr(0, 21), other.assumed_role_id.substr(0, 21));
}

TEST(CredentialStore, SessionCredentialsWithoutARoleHaveNoRoleFields) {
    CredentialStore store;
    auto c = store.issue(k_partition, "", "", 3600s, k_now);
    EXPECT_TRUE(c.access_key_id.starts_with("ASIA"));
    EXPECT_EQ(c.role_arn, "");
    EXPECT_EQ(c.assumed_role_arn, "");
    EXPECT_EQ(c.assumed_role_id, "");
}

TEST(CredentialStore, FindsCredentialsUntilTheyExpire) {
    CredentialStore store;
    auto c = store.issue(k_partition, "arn:aws:iam::123456789012:role/web", "s", 900s, k_now);
    ASSERT_TRUE(store.find(c.access_key_id, k_now + 899s));
    EXPECT_EQ(store.find(c.access_key_id, k_now)->secret_access_key, c.secret_access_key);
    EXPECT_FALSE(store.find(c.access_key_id, k_now + 900s));
    EXPECT_TRUE(store.find_any(c.access_key_id));
    EXPECT_FALSE(store.find("ASIAUNKNOWNUNKNOWN22", k_now));
    EXPECT_FALSE(store.find_any("ASIAUNKNOWNUNKNOWN22"));
}

TEST(CredentialStore, ForgetsLongExpiredCredentialsWhenIssuingMore) {
    CredentialStore store;
    auto old = store.issue(k_partition, "", "", 900s, k_now);
    store.issue(k_partition, "", "", 900s, k_now + 900s + CredentialStore::k_retention);
    EXPECT_FALSE(store.find_any(old.access_key_id));
}

}  // namespace
}  // namespace berth::model
