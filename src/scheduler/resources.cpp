#include "berth/scheduler/resources.hpp"

#include <algorithm>
#include <cctype>

#include "berth/model/sizes.hpp"

namespace berth::scheduler {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::vector<std::string> host_ports_of(const model::TaskDefinitionBody& td) {
    const auto mode = td.network_mode_or_default();
    if (mode == model::NetworkMode::awsvpc || mode == model::NetworkMode::none) return {};
    const bool host_mode = mode == model::NetworkMode::host;
    std::vector<std::string> ports;
    for (const auto& c : td.containers) {
        for (const auto& m : c.port_mappings) {
            int port = m.host_port.value_or(0);
            if (host_mode && port == 0) port = m.container_port.value_or(0);
            if (port == 0) continue;  // dynamic: Docker picks a free one
            ports.push_back(lower(m.protocol) + "/" + std::to_string(port));
        }
    }
    return ports;
}

}  // namespace

std::int64_t parse_cpu_units(std::string_view text) {
    return model::parse_cpu_units(text).value_or(0);
}

std::int64_t parse_memory_mib(std::string_view text) {
    return model::parse_memory_mib(text).value_or(0);
}

TaskNeeds needs_of(const model::TaskDefinitionBody& td) {
    TaskNeeds needs;
    needs.os_type = td.runtime_platform.os_type();
    needs.cpu = td.cpu.value_or(0);
    needs.memory = td.memory.value_or(0);
    std::int64_t cpu_sum = 0;
    std::int64_t memory_sum = 0;
    for (const auto& c : td.containers) {
        cpu_sum += c.cpu;
        memory_sum += c.memory_reservation.value_or(c.memory.value_or(0));
        if (c.gpus > 0) needs.gpus.emplace_back(c.name, c.gpus);
    }
    if (needs.cpu == 0) needs.cpu = cpu_sum;
    if (needs.memory == 0) needs.memory = memory_sum;
    needs.host_ports = host_ports_of(td);
    return needs;
}

TaskNeeds needs_of(const nlohmann::json& task_definition) {
    return needs_of(*model::read_task_definition(task_definition));
}

TaskNeeds needs_of(const model::Task& task, const model::TaskDefinition* td) {
    TaskNeeds needs = td ? needs_of(*td->body) : TaskNeeds{};
    if (std::int64_t cpu = parse_cpu_units(task.cpu); cpu > 0) {
        needs.cpu = cpu;
    } else if (!task.containers.empty()) {
        std::int64_t sum = 0;
        for (const auto& c : task.containers) sum += parse_cpu_units(c.cpu);
        if (sum > 0) needs.cpu = sum;
    }
    if (std::int64_t memory = parse_memory_mib(task.memory); memory > 0) {
        needs.memory = memory;
    } else if (!task.containers.empty()) {
        std::int64_t sum = 0;
        for (const auto& c : task.containers) {
            sum += c.memory_reservation.value_or(c.memory.value_or(0));
        }
        if (sum > 0) needs.memory = sum;
    }
    return needs;
}

}  // namespace berth::scheduler
