#pragma once
// Everything a running Berth is made of, built in one place from the Config. The HTTP server
// only sees `front`; the Docker runtime and the service controller run beside it, started by
// start() and stopped by stop().
#include <memory>
#include <vector>

#include "berth/app/config.hpp"
#include "berth/edge/load_balancers.hpp"
#include "berth/edge/task_endpoints.hpp"
#include "berth/model/container_stats.hpp"
#include "berth/model/credentials.hpp"
#include "berth/model/load_balancers.hpp"
#include "berth/model/log_store.hpp"
#include "berth/model/parameters.hpp"
#include "berth/model/secrets.hpp"
#include "berth/model/service_connect_names.hpp"
#include "berth/model/service_discovery.hpp"
#include "berth/model/store.hpp"
#include "berth/model/task_endpoints.hpp"
#include "berth/persist/persister.hpp"
#include "berth/persist/state_dir.hpp"
#include "berth/protocol/front.hpp"
#include "berth/protocol/json_service.hpp"
#include "berth/protocol/query_service.hpp"
#include "berth/runtime/runtime.hpp"
#include "berth/runtime/service_controller.hpp"
#include "berth/runtime/service_registrar.hpp"
#include "berth/runtime/target_registrar.hpp"

namespace berth::app {

class Services {
  public:
    explicit Services(const Config& config);
    ~Services();
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;

    const protocol::Front& front() const { return front_; }
    // Every request to Berth, on any listener: the task endpoints' paths, else the AWS APIs.
    http::Response handle(http::Request&& request) const;
    model::Store& store() { return store_; }

    // The runtime (tasks on Docker) and the service controller (services at their count).
    // `main_port` is the main listener's bound port (host-mode tasks are told it).
    void start(unsigned short main_port);
    void stop();

  private:
    // --state-dir: the Store as the directory holds it, restored before anything reads it;
    // returns the instance id to label containers with.
    std::string restore_state(const Config& config);

    // Registers one API (JSON or query) on the front door and keeps it alive with the front.
    template <class Api>
    void serve(std::unique_ptr<Api> api, const Config& config) {
        api->set_strict_output(config.strict_responses);
        front_.add_service(*api);
        apis_.push_back(std::move(api));
    }

    // Declaration order is construction order: the stores outlive every service using them.
    // ECS state lives in the Store; each service around ECS keeps its own, behind its own lock.
    model::Store store_;
    model::LogStore logs_;                // CloudWatch Logs
    model::SecretStore secrets_;          // Secrets Manager
    model::ParameterStore parameters_;    // SSM Parameter Store
    model::CredentialStore credentials_;  // temporary credentials STS issued, task roles' too
    model::ServiceDiscoveryStore service_discovery_;    // Cloud Map
    model::LoadBalancerStore load_balancers_;           // Elastic Load Balancing (v2)
    model::ServiceConnectNames service_connect_names_;  // ECS Service Connect's, for task DNS
    // Inside tasks: what the runtime records for the task endpoints and the stats it samples.
    model::TaskEndpointIndex task_endpoint_index_;
    model::ContainerStatsStore container_stats_;
    edge::TaskEndpoints task_endpoints_{
        {store_, task_endpoint_index_, container_stats_, credentials_}};
    std::unique_ptr<class EdgeListeners> edge_listeners_;  // on the Docker networks' gateways
    std::unique_ptr<class DnsListeners> dns_listeners_;    // tasks' resolvers, port 53 there
    unsigned short main_port_ = 0;  // the main listener's, once start() knows it
    protocol::Front front_;
    std::vector<std::unique_ptr<protocol::Operations>> apis_;
    std::unique_ptr<runtime::Runtime> runtime_;              // runs the Store's tasks on Docker
    runtime::ServiceController service_controller_{store_};  // holds services at their count
    // Registers services' RUNNING tasks in Cloud Map (serviceRegistries, Service Connect) and
    // keeps Service Connect's names.
    runtime::ServiceRegistrar service_registrar_{
        store_, service_discovery_, {.service_connect_names = &service_connect_names_}};
    // The load balancers' data plane: listeners, forwarding, health checks (edge/lb).
    std::unique_ptr<edge::LoadBalancers> lb_data_plane_;
    // Registers services' tasks in their target groups and drains them before they stop.
    runtime::TargetRegistrar target_registrar_{store_, {.load_balancers = &load_balancers_}};
    // --state-dir (null without): the files, and the writer that keeps them up to date. Last, so
    // they are destroyed first, while the Store they read is still there.
    std::unique_ptr<persist::StateDir> state_dir_;
    std::unique_ptr<persist::Persister> persister_;
};

}  // namespace berth::app
