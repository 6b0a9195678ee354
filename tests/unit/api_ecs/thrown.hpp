#pragma once
// What a call threw, for tables of requests that ECS refuses: the AwsError, or none.
#include <functional>
#include <optional>
#include <string>

#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs::test_support {

inline std::optional<protocol::AwsError> thrown(const std::function<void()>& f) {
    try {
        f();
    } catch (const protocol::AwsError& e) {
        return e;
    }
    return std::nullopt;
}

// The error's type, or "none".
inline std::string type_thrown(const std::function<void()>& f) {
    auto e = thrown(f);
    return e ? e->type() : "none";
}

// The error's message, or "none".
inline std::string message_thrown(const std::function<void()>& f) {
    auto e = thrown(f);
    return e ? e->what() : "none";
}

}  // namespace berth::api::ecs::test_support
