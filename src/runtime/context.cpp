#include "context.hpp"

#include "berth/model/task_definition_lookup.hpp"

namespace berth::runtime {

const model::TaskDefinitionBody& TaskView::definition() const {
    static const model::TaskDefinitionBody k_gone;
    return task_definition ? *task_definition : k_gone;
}

std::string docker_host_of(const model::Partition& p, const model::Task& task) {
    if (task.container_instance_arn.empty()) return {};
    auto it = p.container_instances.find(task.container_instance_arn);
    return it == p.container_instances.end() ? std::string{} : it->second.docker_host;
}

bool runs_on(const model::Partition& p, const model::Task& task, const Engine& engine,
             bool first_engine) {
    auto host = docker_host_of(p, task);
    return host.empty() ? first_engine : host == engine.host();
}

std::optional<TaskView> read_task(const model::Store& store, const TaskRef& ref) {
    return store.read(ref.partition, [&](const model::Partition& p) -> std::optional<TaskView> {
        auto it = p.tasks.find(ref.arn);
        if (it == p.tasks.end()) return std::nullopt;
        const auto* td = model::task_definition_of(p, it->second);
        return TaskView{it->second, td ? td->body : nullptr, docker_host_of(p, it->second)};
    });
}

}  // namespace berth::runtime
