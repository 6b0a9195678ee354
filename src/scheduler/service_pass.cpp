#include "scheduler/service_pass.hpp"

#include <algorithm>
#include <chrono>

#include "berth/model/task.hpp"
#include "berth/scheduler/messages.hpp"
#include "scheduler/random.hpp"
#include "scheduler/task_state.hpp"

namespace berth::scheduler {

namespace {

constexpr std::chrono::hours k_repeat_events_after{6};

const model::Deployment* find_primary(const model::Service& service) {
    for (const auto& d : service.deployments) {
        if (d.status == model::DeploymentStatus::primary) return &d;
    }
    return nullptr;
}

bool is_empty_strategy(const nlohmann::json& strategy) {
    return !strategy.is_array() || strategy.empty();
}

int stop_rank(const model::Task& t) {
    if (is_unhealthy(t) || fails_target_health(t)) return 0;
    if (!is_running(t)) return 1;
    if (!is_healthy(t)) return 2;
    return 3;
}

}  // namespace

ServicePass::ServicePass(const model::Partition& partition_in, const model::Service& service_in,
                         std::vector<const model::Task*> tasks_in, model::TimePoint now_in,
                         const Options& options_in, Plan& plan, LazyLedger& ledger)
    : partition(partition_in),
      service(service_in),
      tasks(std::move(tasks_in)),
      now(now_in),
      options(options_in),
      config(service_in.deployment_configuration),
      primary(find_primary(service_in)),
      desired(service_in.desired_count),
      plan_(plan),
      ledger_(ledger),
      first_event_(plan.events.size()),
      stopped_event_at_(plan.events.size()) {}

void sort_for_stopping(std::vector<const model::Task*>& tasks) {
    std::stable_sort(tasks.begin(), tasks.end(), [](const model::Task* a, const model::Task* b) {
        int ra = stop_rank(*a);
        int rb = stop_rank(*b);
        if (ra != rb) return ra < rb;
        return std::tie(a->created_at, a->seq) > std::tie(b->created_at, b->seq);
    });
}

bool ServicePass::on_draining_instance(const model::Task& t) const {
    if (t.container_instance_arn.empty()) return false;  // FARGATE
    auto it = partition.container_instances.find(t.container_instance_arn);
    return it != partition.container_instances.end() &&
           it->second.status == model::ContainerInstanceStatus::draining;
}

bool ServicePass::stays_live(const model::Task& t) const {
    return is_live(t) && !stopped_now(t);
}

bool ServicePass::held_by_protection(const model::Task& t) {
    if (!is_protected(t, now)) return false;
    wake_at(*t.protected_until);
    return true;
}

void ServicePass::stop(const model::Task& task, std::string reason) {
    if (!stopped_.insert(&task).second) return;
    plan_.stops.push_back(
        {service.arn, task.arn, model::StopCode::service_scheduler_initiated, std::move(reason)});
    stopped_ids_.push_back(task.id);
    stopped_event_at_ = plan_.events.size();
}

void ServicePass::event(std::string message) {
    for (std::size_t i = first_event_; i < plan_.events.size(); ++i) {
        if (plan_.events[i].message == message) return;
    }
    if (!service.events.empty()) {
        const auto& newest = service.events.front();
        if (newest.message == message && now - newest.created_at < k_repeat_events_after) return;
    }
    plan_.events.push_back({service.arn, std::move(message)});
}

void ServicePass::update(DeploymentUpdate update) {
    update.service_arn = service.arn;
    plan_.deployment_updates.push_back(std::move(update));
}

void ServicePass::wake_at(model::TimePoint t) {
    if (!plan_.next_wakeup || t < *plan_.next_wakeup) plan_.next_wakeup = t;
}

void ServicePass::finish() {
    if (stopped_ids_.empty()) return;
    // After what led to the stops ("failed container health checks"), before what followed.
    plan_.events.insert(plan_.events.begin() + static_cast<std::ptrdiff_t>(stopped_event_at_),
                        {service.arn, messages::stopped_tasks(service.name, stopped_ids_)});
}

model::LaunchType ServicePass::launch_type(const TaskSource& source) const {
    if (source.launch_type) return *source.launch_type;
    if (service.launch_type) return *service.launch_type;
    const nlohmann::json* strategy = &source.capacity_provider_strategy;
    if (is_empty_strategy(*strategy)) strategy = &service.capacity_provider_strategy;
    if (is_empty_strategy(*strategy)) {
        auto cluster = partition.clusters.find(service.cluster_name);
        if (cluster != partition.clusters.end()) {
            strategy = &cluster->second.default_capacity_provider_strategy;
        }
    }
    return model::task_launch_type(std::nullopt, *strategy);
}

PlacementRequest ServicePass::placement_request(const TaskSource& source) const {
    PlacementRequest request;
    request.cluster_name = service.cluster_name;
    request.group = "service:" + service.name;
    request.constraints = service.placement_constraints;
    if (const auto* td = find_task_definition(partition, source.task_definition_arn)) {
        request.needs = needs_of(*td->body);
        const auto& own = td->body->placement_constraints;
        request.constraints.insert(request.constraints.end(), own.begin(), own.end());
    }
    request.strategies = service.placement_strategy;
    request.seed = mix(options.seed, hash_text(service.arn), 0);
    return request;
}

StartTasks& ServicePass::starts_for(const TaskSource& source) {
    for (auto& s : plan_.starts) {
        if (s.service_arn == service.arn && s.deployment_id == source.id) return s;
    }
    StartTasks s;
    s.service_arn = service.arn;
    s.service_name = service.name;
    s.cluster_name = service.cluster_name;
    s.deployment_id = source.id;
    s.task_definition_arn = source.task_definition_arn;
    s.launch_type = launch_type(source);
    s.group = "service:" + service.name;
    plan_.starts.push_back(std::move(s));
    return plan_.starts.back();
}

int ServicePass::start(const TaskSource& source, int count) {
    if (count <= 0) return 0;
    std::vector<std::string> where;
    std::vector<model::GpuAssignment> gpus;
    if (launch_type(source) == model::LaunchType::fargate) {
        where.assign(static_cast<std::size_t>(count), std::string());
    } else {
        auto placed = ledger().place(placement_request(source), count);
        where = std::move(placed.container_instance_arns);
        gpus = std::move(placed.gpus);
        if (static_cast<int>(where.size()) < count) {
            event(messages::unable_to_place(service.name, placed.detail));
        }
    }
    if (where.empty()) return 0;
    auto& s = starts_for(source);
    s.gpus.resize(s.container_instance_arns.size());  // keeps the two aligned
    s.container_instance_arns.insert(s.container_instance_arns.end(), where.begin(), where.end());
    s.gpus.insert(s.gpus.end(), gpus.begin(), gpus.end());
    started_ += static_cast<int>(where.size());
    return static_cast<int>(where.size());
}

bool ServicePass::start_on(const TaskSource& source, const std::string& instance_arn) {
    auto placed = ledger().place_on(placement_request(source), instance_arn);
    if (placed.container_instance_arns.empty()) {
        event(messages::unable_to_place(service.name, placed.detail));
        return false;
    }
    auto& s = starts_for(source);
    s.gpus.resize(s.container_instance_arns.size());
    s.container_instance_arns.push_back(instance_arn);
    s.gpus.push_back(std::move(placed.gpus.front()));
    ++started_;
    return true;
}

}  // namespace berth::scheduler
