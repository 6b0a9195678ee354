#pragma once
// Drives the Secrets Manager operations as a client does: JSON bodies through the JsonService
// (the model validates inputs; strict output checks every answer) against a real SecretStore
// whose clock the test moves.
#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "berth/api/secretsmanager/secretsmanager_api.hpp"
#include "berth/protocol/aws_error.hpp"
#include "unit/api_ecs/thrown.hpp"  // the AwsError a call threw, shared with the ECS tests

namespace berth::api::secretsmanager::testing {

using nlohmann::json;

// What a call threw: type "none" when it succeeded.
struct Thrown {
    std::string type;
    std::string message;
};

// A ClientRequestToken of the model's minimum length (32), distinct per `n`.
inline std::string token(int n) {
    auto digits = std::to_string(n);
    return std::string(32 - digits.size(), 't') + digits;
}

class SecretsManagerTest : public ::testing::Test {
  protected:
    SecretsManagerTest() { service_->set_strict_output(true); }

    json call(const std::string& op, const json& body) {
        return service_->invoke(op, ctx_, body.dump());
    }

    Thrown error(const std::string& op, const json& body) {
        auto e = api::ecs::test_support::thrown([&] { call(op, body); });
        return e ? Thrown{e->type(), e->what()} : Thrown{"none", ""};
    }

    json create(const std::string& name, const std::string& value = "v1") {
        return call("CreateSecret", {{"Name", name}, {"SecretString", value}});
    }

    model::TimePoint now_ = model::TimePoint{} + std::chrono::seconds(1'700'000'000);
    model::SecretStore secrets_{[this] { return now_; }};
    std::unique_ptr<protocol::JsonService> service_ =
        make_secretsmanager_service(Environment{secrets_});
    protocol::RequestContext ctx_{"000000000000", "us-east-1", "AKIDEXAMPLE", "req-1"};
};

}  // namespace berth::api::secretsmanager::testing
