#include "runtime/secret_values.hpp"

#include <gtest/gtest.h>

namespace berth::runtime {
namespace {

using nlohmann::json;

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const SecretValueError& e) {
        return e.what();
    }
    return "no error";
}

TEST(SecretValues, JsonKeyValuesAreWrittenAsTheAgentWritesThem) {
    const std::string secret =
        R"({"user":"admin","port":5432,"big":1000000,"ratio":0.25,"tiny":0.00001,"on":true,)"
        R"("none":null,"list":[1,"a"],"nested":{"b":2,"a":"x"}})";
    const std::pair<const char*, const char*> cases[] = {
        {"user", "admin"}, {"port", "5432"},  {"big", "1e+06"},
        {"ratio", "0.25"}, {"tiny", "1e-05"}, {"on", "true"},
        {"none", "<nil>"}, {"list", "[1 a]"}, {"nested", "map[a:x b:2]"},
    };
    for (const auto& [key, expected] : cases) {
        SCOPED_TRACE(key);
        EXPECT_EQ(json_key_value(secret, key), expected);
    }
}

TEST(SecretValues, GoFloatsSwitchToExponentsWhereGoDoes) {
    EXPECT_EQ(go_text(json(123456)), "123456");
    EXPECT_EQ(go_text(json(1234567)), "1.234567e+06");
    EXPECT_EQ(go_text(json(0.0001)), "0.0001");
    EXPECT_EQ(go_text(json(-42)), "-42");
    EXPECT_EQ(go_text(json(0)), "0");
}

TEST(SecretValues, AMissingKeyOrANonObjectIsTheAgentsError) {
    EXPECT_EQ(error_of([] { json_key_value(R"({"user":"admin"})", "password"); }),
              "retrieved secret from Secrets Manager did not contain json key password");
    EXPECT_EQ(error_of([] { json_key_value("null", "password"); }),
              "retrieved secret from Secrets Manager did not contain json key password");
    EXPECT_EQ(error_of([] { json_key_value("plain-text", "password"); }),
              "invalid character 'p' looking for beginning of value");
    EXPECT_EQ(error_of([] { json_key_value("", "password"); }), "unexpected end of JSON input");
    EXPECT_EQ(error_of([] { json_key_value(R"({"a":)", "a"); }), "unexpected end of JSON input");
    EXPECT_EQ(error_of([] { json_key_value(R"(["a"])", "a"); }),
              "json: cannot unmarshal array into Go value of type map[string]interface {}");
    EXPECT_EQ(error_of([] { json_key_value(R"("text")", "a"); }),
              "json: cannot unmarshal string into Go value of type map[string]interface {}");
}

TEST(SecretValues, RegistryCredentialsNeedAUsernameAndAPassword) {
    auto creds = registry_credentials(R"({"username":"me","password":"pw"})");
    EXPECT_EQ(creds.username, "me");
    EXPECT_EQ(creds.password, "pw");
    // Go matches the fields whatever their case.
    EXPECT_EQ(registry_credentials(R"({"Username":"me","PASSWORD":"pw"})").password, "pw");

    EXPECT_EQ(error_of([] { registry_credentials(std::nullopt); }),
              "asm fetching authorization data: empty secrets value");
    EXPECT_EQ(error_of([] { registry_credentials("not json"); }),
              "asm fetching authorization data: unable to unmarshal secret value, invalid schema");
    EXPECT_EQ(error_of([] { registry_credentials(R"({"username":1,"password":"pw"})"); }),
              "asm fetching authorization data: unable to unmarshal secret value, invalid schema");
    EXPECT_EQ(error_of([] { registry_credentials(R"({"password":"pw"})"); }),
              "asm fetching username: AuthorizationData is malformed, empty field");
    EXPECT_EQ(error_of([] { registry_credentials(R"({"username":"me","password":""})"); }),
              "asm fetching password: AuthorizationData is malformed, empty field");
}

}  // namespace
}  // namespace berth::runtime
