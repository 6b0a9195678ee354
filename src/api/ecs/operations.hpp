#pragma once
// The ECS operation table: operation name → handler, one row per line of operations.def.
// make_ecs_service registers every row; docs/coverage.md is generated from the same list.
#include <span>
#include <string_view>

#include "api/ecs/request.hpp"

namespace berth::api::ecs {

struct Operation {
    std::string_view name;  // as in the model, e.g. "RunTask"
    HandlerFn handler;
};

std::span<const Operation> ecs_operations();

}  // namespace berth::api::ecs
