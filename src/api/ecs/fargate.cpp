#include "api/ecs/fargate.hpp"

#include "berth/model/sizes.hpp"

namespace berth::api::ecs {

namespace {

std::optional<std::string> text_of(std::optional<std::int64_t> value) {
    return value ? std::optional<std::string>(std::to_string(*value)) : std::nullopt;
}

}  // namespace

std::optional<std::string> normalize_task_cpu(std::string_view text) {
    return text_of(model::parse_cpu_units(text));
}

std::optional<std::string> normalize_task_memory(std::string_view text) {
    return text_of(model::parse_memory_mib(text));
}

bool is_fargate_size(long cpu, long memory) {
    constexpr long gb = 1024;
    auto in_steps = [&](long from, long to, long step) {
        return memory >= from && memory <= to && (memory - from) % step == 0;
    };
    switch (cpu) {
        case 256:
            return memory == 512 || memory == 1 * gb || memory == 2 * gb;
        case 512:
            return in_steps(1 * gb, 4 * gb, gb);
        case 1024:
            return in_steps(2 * gb, 8 * gb, gb);
        case 2048:
            return in_steps(4 * gb, 16 * gb, gb);
        case 4096:
            return in_steps(8 * gb, 30 * gb, gb);
        case 8192:
            return in_steps(16 * gb, 60 * gb, 4 * gb);
        case 16384:
            return in_steps(32 * gb, 120 * gb, 8 * gb);
        default:
            return false;
    }
}

}  // namespace berth::api::ecs
