#pragma once
// Drives the ECS operations the way a client does: JSON bodies through the JsonService (so the
// model validates inputs and, with strict output on, every answer is checked against its
// output shape) against a real model::Store.
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "berth/api/ecs/ecs_api.hpp"
#include "berth/model/store.hpp"
#include "berth/protocol/aws_error.hpp"
#include "support/source_paths.hpp"

namespace berth::api::ecs::testing {

using nlohmann::json;

inline std::string read_data_file(const std::string& name) {
    std::ifstream in(std::string(berth::test_paths::data_dir()) + "/" + name, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read test data " + name);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// What a call threw: type "none" when it succeeded.
struct Thrown {
    std::string type;
    std::string message;
};

class EcsTest : public ::testing::Test {
  protected:
    EcsTest() { ecs_->set_strict_output(true); }

    static protocol::RequestContext context(const std::string& account, const std::string& region) {
        return {account, region, "AKIDEXAMPLE", "req-1"};
    }

    json call(const std::string& op, const json& body, const protocol::RequestContext& ctx) {
        return ecs_->invoke(op, ctx, body.dump());
    }
    json call(const std::string& op, const json& body = json::object()) {
        return call(op, body, ctx_);
    }

    Thrown error(const std::string& op, const json& body, const protocol::RequestContext& ctx) {
        try {
            call(op, body, ctx);
        } catch (const protocol::AwsError& e) {
            return {e.type(), e.what()};
        }
        return {"none", ""};
    }
    Thrown error(const std::string& op, const json& body = json::object()) {
        return error(op, body, ctx_);
    }

    std::string arn(const std::string& resource) const {
        return "arn:aws:ecs:us-east-1:000000000000:" + resource;
    }

    // A small valid EC2 task definition for `family`.
    static json simple_task_definition(const std::string& family) {
        return {{"family", family},
                {"containerDefinitions",
                 json::array({{{"name", "app"}, {"image", "busybox"}, {"memory", 64}}})}};
    }

    // Writes directly to the store what other parts of Berth (tasks, services, the runtime)
    // would, so that cluster counts and deletion rules can be checked.
    template <class F>
    void seed(F&& f) {
        store_.write(model::PartitionKey{"000000000000", "us-east-1"}, std::forward<F>(f));
    }

    model::TimePoint now_ = model::TimePoint{} + std::chrono::seconds(1'700'000'000);
    model::Store store_;
    std::unique_ptr<protocol::JsonService> ecs_ =
        make_ecs_service(Environment{store_, [this] { return now_; }});
    protocol::RequestContext ctx_ = context("000000000000", "us-east-1");
};

}  // namespace berth::api::ecs::testing
