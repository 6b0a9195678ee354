#pragma once
// Builders for scheduler scenarios, the one `expect_plan` check, and steps of the loop:
// reconcile, then scheduler::apply (what the service controller applies, without Docker).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/model/arn.hpp"
#include "berth/model/store.hpp"
#include "berth/model/task_factory.hpp"
#include "berth/scheduler/apply.hpp"
#include "berth/scheduler/messages.hpp"
#include "berth/scheduler/reconcile.hpp"

namespace berth::scheduler::testing {

using model::HealthStatus;
using model::TaskStatus;
using namespace std::chrono_literals;

inline const model::PartitionKey k_key{"000000000000", "us-east-1"};
inline const model::TimePoint k_t0 = model::Clock::from_time_t(1'700'000'000);

// What a plan holds, by count; events by exact text, oldest first. Every field is compared,
// so a test states everything the plan does (counts write-backs aside).
struct ExpectedPlan {
    int starts = 0;  // tasks, summed over StartTasks
    int stops = 0;
    int deployment_updates = 0;
    int rollbacks = 0;
    int service_updates = 0;
    std::vector<std::string> events = {};
};

inline void expect_plan(const Plan& plan, const ExpectedPlan& want) {
    EXPECT_EQ(plan.tasks_to_start(), want.starts) << "tasks started";
    EXPECT_EQ(static_cast<int>(plan.stops.size()), want.stops) << "tasks stopped";
    EXPECT_EQ(static_cast<int>(plan.deployment_updates.size()), want.deployment_updates)
        << "deployment updates";
    EXPECT_EQ(static_cast<int>(plan.rollbacks.size()), want.rollbacks) << "rollbacks";
    EXPECT_EQ(static_cast<int>(plan.service_updates.size()), want.service_updates)
        << "service updates";
    std::vector<std::string> events;
    for (const auto& e : plan.events) events.push_back(e.message);
    EXPECT_EQ(events, want.events);
}

inline nlohmann::json container_def(std::string name, int cpu, int memory,
                                    bool health_check = false) {
    nlohmann::json c = {{"name", std::move(name)},
                        {"image", "busybox"},
                        {"cpu", cpu},
                        {"memory", memory},
                        {"essential", true}};
    if (health_check) c["healthCheck"] = {{"command", {"CMD", "true"}}};
    return c;
}

// A partition with one cluster, container instances and task definitions, and a clock.
class World {
  public:
    model::Partition p;
    model::TimePoint now = k_t0;
    std::string cluster = "default";

    World() {
        p.key = k_key;
        model::Cluster c;
        c.name = cluster;
        c.arn = model::cluster_arn(k_key, cluster);
        p.clusters[cluster] = c;
    }

    std::string add_task_definition(const std::string& family, nlohmann::json doc) {
        auto& revisions = p.task_definitions[family];
        model::TaskDefinition td;
        td.family = family;
        td.revision = static_cast<int>(revisions.size()) + 1;
        td.arn = model::task_definition_arn(k_key, family, td.revision);
        doc["family"] = family;
        doc["revision"] = td.revision;
        doc["taskDefinitionArn"] = td.arn;
        if (!doc.contains("containerDefinitions")) {
            doc["containerDefinitions"] = nlohmann::json::array({container_def("app", 128, 128)});
        }
        td.body = model::read_task_definition(doc);
        td.seq = p.take_seq();
        revisions.push_back(td);
        return td.arn;
    }

    std::string add_instance(std::int64_t cpu = 2048, std::int64_t memory = 4096,
                             nlohmann::json attributes = nlohmann::json::array()) {
        model::ContainerInstance ci;
        char id[40];
        std::snprintf(id, sizeof id, "ci%030llu", static_cast<unsigned long long>(p.next_seq));
        ci.id = id;
        ci.arn = model::container_instance_arn(k_key, cluster, ci.id);
        ci.cluster_name = cluster;
        ci.registered_cpu = cpu;
        ci.registered_memory = memory;
        ci.attributes = std::move(attributes);
        ci.registered_at = now;
        ci.seq = p.take_seq();
        p.container_instances[ci.arn] = ci;
        return ci.arn;
    }

    // A service with one PRIMARY deployment of `td_arn` (COMPLETED when `completed`).
    model::Service& add_service(const std::string& name, int desired, const std::string& td_arn,
                                nlohmann::json deployment_configuration = nullptr,
                                bool completed = false) {
        model::Service s;
        s.name = name;
        s.cluster_name = cluster;
        s.cluster_arn = model::cluster_arn(k_key, cluster);
        s.arn = model::service_arn(k_key, cluster, name);
        s.task_definition_arn = td_arn;
        s.desired_count = desired;
        s.launch_type = model::LaunchType::ec2;
        s.deployment_configuration = model::read_deployment_configuration(
            deployment_configuration,
            model::default_deployment_configuration(s.scheduling_strategy));
        s.created_at = now;
        s.seq = p.take_seq();
        auto [it, inserted] = p.services.emplace(s.arn, std::move(s));
        add_deployment(it->second, td_arn, completed);
        return it->second;
    }

    // A new PRIMARY deployment (UpdateService); the previous primary becomes ACTIVE.
    model::Deployment& add_deployment(model::Service& s, const std::string& td_arn,
                                      bool completed = false) {
        for (auto& d : s.deployments) {
            if (d.status == model::DeploymentStatus::primary)
                d.status = model::DeploymentStatus::active;
        }
        model::Deployment d;
        d.id = "ecs-svc/" + std::to_string(1000000000000000000ULL + p.take_seq());
        d.task_definition_arn = td_arn;
        d.desired_count = s.desired_count;
        d.launch_type = s.launch_type;
        d.rollout_state =
            completed ? model::RolloutState::completed : model::RolloutState::in_progress;
        d.rollout_state_reason =
            completed ? messages::rollout_completed(d.id) : messages::rollout_in_progress(d.id);
        d.created_at = d.updated_at = now;
        now += 1s;  // deployments made in one test are ordered in time
        s.task_definition_arn = td_arn;
        s.deployments.insert(s.deployments.begin(), d);
        return s.deployments.front();
    }

    // A service with the EXTERNAL controller: no deployment, tasks come from its task sets.
    model::Service& add_external_service(const std::string& name, int desired) {
        auto& s = add_service(name, desired, "");
        s.deployments.clear();
        s.task_definition_arn.clear();
        s.deployment_controller = model::DeploymentControllerType::external;
        return s;
    }

    // A task set of `td_arn` at `scale` percent of the service's desired count (CreateTaskSet).
    model::TaskSet& add_task_set(model::Service& s, const std::string& td_arn, double scale,
                                 model::TaskSetStatus status = model::TaskSetStatus::active) {
        model::TaskSet ts;
        ts.id = "ecs-svc/" + std::to_string(1000000000000000000ULL + p.take_seq());
        ts.arn = model::task_set_arn(k_key, s.cluster_name, s.name, ts.id);
        ts.status = status;
        ts.task_definition_arn = td_arn;
        ts.launch_type = model::LaunchType::ec2;
        ts.scale_percent = scale;
        ts.computed_desired_count = model::computed_desired_count(scale, s.desired_count);
        ts.created_at = ts.updated_at = ts.stability_status_at = now;
        s.task_sets.push_back(ts);
        return s.task_sets.back();
    }

    model::Task& add_task(const model::Service& s, const model::TaskSet& ts,
                          TaskStatus status = TaskStatus::running,
                          HealthStatus health = HealthStatus::unknown) {
        model::Task& t = create_task(s, ts.id, ts.task_definition_arn, "");
        set_status(t, status);
        t.health = health;
        return t;
    }

    model::Service& service(const std::string& name) {
        return p.services.at(model::service_arn(k_key, cluster, name));
    }

    // A task of the deployment, already in `status` (and placed on `instance` if given).
    model::Task& add_task(const model::Service& s, const model::Deployment& d,
                          TaskStatus status = TaskStatus::running,
                          HealthStatus health = HealthStatus::unknown,
                          const std::string& instance = "") {
        model::Task& t = create_task(s, d.id, d.task_definition_arn, instance);
        set_status(t, status);
        t.health = health;
        return t;
    }

    void set_status(model::Task& t, TaskStatus status) {
        t.last_status = status;
        if (status == TaskStatus::running && !t.started_at) t.started_at = now;
        if (status == TaskStatus::stopped) {
            t.desired_status = TaskStatus::stopped;
            t.stopped_at = now;
        }
        for (auto& c : t.containers) {
            if (status >= TaskStatus::running) c.known_status = model::ContainerStatus::running;
            if (status == TaskStatus::stopped) c.known_status = model::ContainerStatus::stopped;
        }
        ++t.version;
    }

    // What the runtime does when an essential container exits on its own.
    void fail(model::Task& t, model::StopCode code = model::StopCode::essential_container_exited) {
        set_status(t, TaskStatus::stopped);
        t.stop_code = code;
        t.stopped_reason = "Essential container in task exited";
    }

    Plan reconcile(Options options = {}) { return scheduler::reconcile(p, now, options); }

    // Writes a plan into the partition as the service controller does.
    void apply(const Plan& plan) { scheduler::apply(p, plan, now); }

    // Reconcile and apply.
    Plan step(Options options = {}) {
        auto plan = reconcile(options);
        apply(plan);
        return plan;
    }

    std::vector<model::Task*> tasks_of(const model::Service& s) {
        std::vector<model::Task*> out;
        for (auto& [arn, t] : p.tasks) {
            if (t.service_name == s.name) out.push_back(&t);
        }
        return out;
    }

    int count(const model::Service& s, bool (*pred)(const model::Task&)) {
        int n = 0;
        for (auto* t : tasks_of(s)) n += pred(*t) ? 1 : 0;
        return n;
    }

  private:
    model::Task& create_task(const model::Service& s, const std::string& deployment_id,
                             const std::string& td_arn, const std::string& instance) {
        const model::TaskDefinition* td = nullptr;
        for (auto& [family, revisions] : p.task_definitions) {
            for (auto& r : revisions) {
                if (r.arn == td_arn) td = &r;
            }
        }
        EXPECT_NE(td, nullptr) << td_arn;
        model::TaskLaunch launch;
        const bool fargate = instance.empty() && s.launch_type == model::LaunchType::fargate;
        launch.launch_type = fargate ? model::LaunchType::fargate : model::LaunchType::ec2;
        launch.container_instance_arn = instance;
        launch.started_by = deployment_id;
        launch.group = "service:" + s.name;
        launch.service_name = s.name;
        launch.deployment_id = deployment_id;
        launch.load_balancers = s.load_balancers;  // as the applier does
        char id[40];
        std::snprintf(id, sizeof id, "%032llx", static_cast<unsigned long long>(p.next_seq));
        launch.task_id = id;
        launch.now = now;
        model::Task t = model::make_task(k_key, p.clusters.at(cluster), *td, launch);
        t.seq = p.take_seq();
        auto arn = t.arn;
        return p.tasks.emplace(arn, std::move(t)).first->second;
    }
};

// The "has stopped" event a plan's stops should come with.
inline std::string stopped_event(const World& w, const Plan& plan, const std::string& service) {
    std::vector<std::string> ids;
    for (const auto& stop : plan.stops) ids.push_back(w.p.tasks.at(stop.task_arn).id);
    return messages::stopped_tasks(service, ids);
}

}  // namespace berth::scheduler::testing
