#include "berth/docker/registry_auth.hpp"

#include <gtest/gtest.h>

namespace berth::docker {
namespace {

TEST(RegistryAuth, IsBase64UrlOfTheEnginesJson) {
    // {"password":"pw","username":"me"}
    EXPECT_EQ(encode_registry_auth({"me", "pw", ""}),
              "eyJwYXNzd29yZCI6InB3IiwidXNlcm5hbWUiOiJtZSJ9");
    // The URL alphabet and padding: "?>" ends in bytes that plain base64 writes as '+' and '/'.
    EXPECT_EQ(encode_registry_auth({"?>?", "", "r"}),
              "eyJwYXNzd29yZCI6IiIsInNlcnZlcmFkZHJlc3MiOiJyIiwidXNlcm5hbWUiOiI_Pj8ifQ==");
}

}  // namespace
}  // namespace berth::docker
