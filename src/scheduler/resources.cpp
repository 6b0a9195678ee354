#include "berth/scheduler/resources.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace berth::scheduler {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// A number followed by an optional unit; `unit_scale` applies when the unit is present.
std::int64_t parse_scaled(std::string_view text, std::string_view unit, double unit_scale) {
    std::string s = lower(text);
    std::size_t begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos) return 0;
    double value = 0;
    auto [end, ec] = std::from_chars(s.data() + begin, s.data() + s.size(), value);
    if (ec != std::errc{} || value < 0) return 0;
    std::string_view rest(end, static_cast<std::size_t>(s.data() + s.size() - end));
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) return static_cast<std::int64_t>(std::llround(value));
    if (rest != unit) return 0;
    return static_cast<std::int64_t>(std::llround(value * unit_scale));
}

std::int64_t int_member(const nlohmann::json& obj, const char* name) {
    if (!obj.is_object()) return 0;
    auto it = obj.find(name);
    if (it == obj.end()) return 0;
    if (it->is_number()) return it->get<std::int64_t>();
    return 0;
}

std::string string_member(const nlohmann::json& obj, const char* name) {
    if (!obj.is_object()) return {};
    auto it = obj.find(name);
    if (it == obj.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return std::to_string(it->get<std::int64_t>());
    return {};
}

const nlohmann::json& array_member(const nlohmann::json& obj, const char* name) {
    static const nlohmann::json k_empty = nlohmann::json::array();
    if (!obj.is_object()) return k_empty;
    auto it = obj.find(name);
    return it != obj.end() && it->is_array() ? *it : k_empty;
}

std::vector<std::string> host_ports_of(const nlohmann::json& td) {
    std::string mode = string_member(td, "networkMode");
    if (mode == "awsvpc" || mode == "none") return {};
    bool host_mode = mode == "host";
    std::vector<std::string> ports;
    for (const auto& c : array_member(td, "containerDefinitions")) {
        for (const auto& m : array_member(c, "portMappings")) {
            std::int64_t port = int_member(m, "hostPort");
            if (host_mode && port == 0) port = int_member(m, "containerPort");
            if (port == 0) continue;  // dynamic: Docker picks a free one
            std::string protocol = string_member(m, "protocol");
            ports.push_back((protocol.empty() ? "tcp" : lower(protocol)) + "/" +
                            std::to_string(port));
        }
    }
    return ports;
}

}  // namespace

std::int64_t parse_cpu_units(std::string_view text) {
    return parse_scaled(text, "vcpu", 1024);
}

std::int64_t parse_memory_mib(std::string_view text) {
    return parse_scaled(text, "gb", 1024);
}

TaskNeeds needs_of(const nlohmann::json& td) {
    TaskNeeds needs;
    if (!td.is_object()) return needs;
    needs.cpu = parse_cpu_units(string_member(td, "cpu"));
    needs.memory = parse_memory_mib(string_member(td, "memory"));
    std::int64_t cpu_sum = 0;
    std::int64_t memory_sum = 0;
    for (const auto& c : array_member(td, "containerDefinitions")) {
        cpu_sum += int_member(c, "cpu");
        std::int64_t reservation = int_member(c, "memoryReservation");
        memory_sum += reservation > 0 ? reservation : int_member(c, "memory");
    }
    if (needs.cpu == 0) needs.cpu = cpu_sum;
    if (needs.memory == 0) needs.memory = memory_sum;
    needs.host_ports = host_ports_of(td);
    return needs;
}

TaskNeeds needs_of(const model::Task& task, const model::TaskDefinition* td) {
    TaskNeeds needs = td ? needs_of(td->doc) : TaskNeeds{};
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

const model::TaskDefinition* find_task_definition(const model::Partition& partition,
                                                  std::string_view arn) {
    auto slash = arn.rfind('/');
    std::string_view family_revision =
        slash == std::string_view::npos ? arn : arn.substr(slash + 1);
    auto colon = family_revision.rfind(':');
    if (colon == std::string_view::npos) return nullptr;
    int revision = 0;
    auto digits = family_revision.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), revision);
    if (ec != std::errc{} || end != digits.data() + digits.size() || revision < 1) return nullptr;
    auto it = partition.task_definitions.find(std::string(family_revision.substr(0, colon)));
    if (it == partition.task_definitions.end()) return nullptr;
    if (static_cast<std::size_t>(revision) > it->second.size()) return nullptr;
    const auto& td = it->second[static_cast<std::size_t>(revision - 1)];
    return td.revision == revision ? &td : nullptr;
}

}  // namespace berth::scheduler
