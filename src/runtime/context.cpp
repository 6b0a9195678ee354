#include "context.hpp"

namespace berth::runtime {

const model::TaskDefinition* find_task_definition(const model::Partition& p,
                                                  const model::Task& task) {
    auto family = p.task_definitions.find(task.family);
    if (family == p.task_definitions.end()) return nullptr;
    for (const auto& td : family->second) {
        if (td.arn == task.task_definition_arn || td.revision == task.revision) return &td;
    }
    return nullptr;
}

std::string docker_host_of(const model::Partition& p, const model::Task& task) {
    if (task.container_instance_arn.empty()) return {};
    auto it = p.container_instances.find(task.container_instance_arn);
    return it == p.container_instances.end() ? std::string{} : it->second.docker_host;
}

std::optional<TaskView> read_task(const model::Store& store, const TaskRef& ref) {
    return store.read(ref.partition, [&](const model::Partition& p) -> std::optional<TaskView> {
        auto it = p.tasks.find(ref.arn);
        if (it == p.tasks.end()) return std::nullopt;
        const auto* td = find_task_definition(p, it->second);
        return TaskView{it->second, td ? td->doc : nlohmann::json(), docker_host_of(p, it->second)};
    });
}

}  // namespace berth::runtime
