#include "api/ecs/operations.hpp"

#include <array>

#include "api/ecs/handlers.hpp"

namespace berth::api::ecs {
namespace {

constexpr std::array k_operations{
#define BERTH_OPERATION(name, handler) Operation{#name, handler},
#include "api/ecs/operations.def"
#undef BERTH_OPERATION
};

}  // namespace

std::span<const Operation> ecs_operations() {
    return k_operations;
}

}  // namespace berth::api::ecs
