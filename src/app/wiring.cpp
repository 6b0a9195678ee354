#include "berth/app/wiring.hpp"

#include "berth/api/ecs/ecs_api.hpp"
#include "berth/api/elbv2/elbv2_api.hpp"
#include "berth/api/logs/logs_api.hpp"
#include "berth/api/secretsmanager/secretsmanager_api.hpp"
#include "berth/api/servicediscovery/servicediscovery_api.hpp"
#include "berth/api/ssm/ssm_api.hpp"
#include "berth/api/sts/sts_api.hpp"
#include "berth/model/arn.hpp"
#include "berth/runtime/restored_tasks.hpp"
#include "dns_listeners.hpp"
#include "edge_listeners.hpp"

#include <spdlog/spdlog.h>

namespace berth::app {

namespace {

protocol::FrontOptions front_options(const Config& config,
                                     const model::CredentialStore& credentials) {
    protocol::FrontOptions options;
    options.default_account = config.account_id;
    options.default_region = config.region;
    // Requests signed with credentials STS issued act in their account.
    options.account_for_key = [&credentials](std::string_view key) -> std::optional<std::string> {
        auto issued = credentials.find(key, model::Clock::now());
        if (!issued) return std::nullopt;
        return issued->partition.account;
    };
    return options;
}

model::LogStoreOptions log_store_options(const Config& config) {
    model::LogStoreOptions options;
    options.max_bytes = config.log_bytes_max;
    options.on_first_eviction = [](std::size_t max_events) {
        spdlog::warn(
            "CloudWatch Logs: the store is full (--log-events-max {} or --log-bytes-max); "
            "the oldest events are being dropped",
            max_events);
    };
    return options;
}

// Berth's main listener as a host-mode container (on the host's network) reaches it.
std::string main_url(const Config& config, unsigned short port) {
    std::string host = config.listen_host;
    if (host == "0.0.0.0") host = "127.0.0.1";
    if (host == "::") host = "::1";
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(port);
}

runtime::TaskEndpointOptions task_endpoint_options(const Config& config) {
    runtime::TaskEndpointOptions o;
    if (config.task_aws_endpoint_url == "off") {
        o.aws_endpoint_url = "";
    } else if (config.task_aws_endpoint_url != "berth") {
        o.aws_endpoint_url = config.task_aws_endpoint_url;
    }
    return o;
}

}  // namespace

Services::Services(const Config& config)
    : logs_(config.log_events_max, log_store_options(config)),
      front_(front_options(config, credentials_)) {
    api::ecs::Environment ecs_env{store_};
    ecs_env.service_discovery = &service_discovery_;  // serviceRegistries name its services
    ecs_env.load_balancers = &load_balancers_;  // services' loadBalancers name its target groups
    ecs_env.default_docker_host = config.docker_hosts.front();  // RegisterContainerInstance's
    serve(api::ecs::make_ecs_service(std::move(ecs_env)), config);
    serve(api::logs::make_logs_service({logs_}), config);
    serve(api::secretsmanager::make_secretsmanager_service({secrets_}), config);
    serve(api::ssm::make_ssm_service({parameters_}), config);
    serve(api::sts::make_sts_service({credentials_, config.account_id}), config);
    serve(api::servicediscovery::make_servicediscovery_service({service_discovery_}), config);
    serve(api::elbv2::make_elbv2_service({load_balancers_}), config);
    runtime::RuntimeOptions runtime_options;
    runtime_options.docker_hosts = config.docker_hosts;
    runtime_options.gpus = config.gpus;
    runtime_options.zones = config.zones;
    runtime_options.instance_id = restore_state(config);
    runtime_options.adopt = !config.state_dir.empty();   // tasks outlive Berth, as on ECS
    runtime_options.efs_dir = config.data_dir + "/efs";  // EFS file systems, across restarts
    runtime_options.firelens_dir = config.data_dir + "/firelens";  // FireLens routers' files
    runtime_options.log_store = &logs_;                            // awslogs containers write here
    runtime_options.secret_sources = {&secrets_, &parameters_};    // read when tasks start
    if (config.task_endpoints) {
        edge_listeners_ = std::make_unique<EdgeListeners>(
            [this](http::Request&& r) { return handle(std::move(r)); }, config.task_endpoint_port);
        auto& o = runtime_options.task_endpoints = task_endpoint_options(config);
        o.index = &task_endpoint_index_;
        o.stats = &container_stats_;
        o.listen_on = [this](const std::string& address) {
            return edge_listeners_->listen_on(address);
        };
        o.host_mode_url = [this, config] { return main_url(config, main_port_); };
    }
    if (config.task_dns) {
        auto upstreams =
            config.dns_upstreams.empty() ? edge::engine_dns_upstreams() : config.dns_upstreams;
        dns_listeners_ = std::make_unique<DnsListeners>(service_discovery_, service_connect_names_,
                                                        std::move(upstreams));
        runtime_options.dns_on = [this](const std::string& gateway) -> std::optional<std::string> {
            if (!dns_listeners_->listen_on(gateway)) return std::nullopt;
            return gateway;  // port 53: resolv.conf names no port
        };
    }
    runtime_ = std::make_unique<runtime::Runtime>(store_, std::move(runtime_options));
    edge::LoadBalancersOptions lb_options;
    lb_options.listen_host = config.listen_host;
    lb_options.port_map = config.lb_port_map;
    lb_data_plane_ = std::make_unique<edge::LoadBalancers>(load_balancers_, std::move(lb_options));
}

Services::~Services() = default;

std::string Services::restore_state(const Config& config) {
    if (config.state_dir.empty()) return config.instance_id;
    state_dir_ = std::make_unique<persist::StateDir>(config.state_dir);
    auto image = state_dir_->load();
    const persist::Stores stores{store_, &secrets_,           &parameters_,
                                 &logs_, &service_discovery_, &load_balancers_};
    persist::restore_side_stores(image, stores);  // first: the ECS tasks' targets are there
    auto partitions = persist::decode_state(image);
    const auto now = model::Clock::now();
    std::size_t entities = image.size();
    int released = 0;
    for (auto& p : partitions) {
        released += runtime::release_restored_targets(p, load_balancers_, now);
        auto key = p.key;
        store_.write_unobserved(key, [&](model::Partition& into) { into = std::move(p); });
    }
    spdlog::info(
        "state: restored {} records of {} ECS partition(s) from {}; {} load balancer target(s) "
        "of stopped tasks draining",
        entities, partitions.size(), config.state_dir, released);
    persister_ = std::make_unique<persist::Persister>(stores, *state_dir_, std::move(image));
    persister_->start();  // before the server answers: every write from the first on is kept
    // The same id across restarts: a start adopts what the earlier run left, by its labels.
    return state_dir_->instance_id(config.instance_id,
                                   "berth-" + model::new_task_id().substr(0, 12));
}

http::Response Services::handle(http::Request&& request) const {
    const bool from_task = edge::TaskEndpoints::serves(request);
    // A load balancer's DNSName as Host: its HTTP listener answers, on the main port too.
    if (!from_task && lb_data_plane_ && lb_data_plane_->serves(request)) {
        return lb_data_plane_->handle(std::move(request));
    }
    auto answer = [&] {
        return from_task ? task_endpoints_.handle(request) : front_.handle(std::move(request));
    };
    if (!persister_) return answer();
    // What the answer says happened is in the journal before the client reads it (a task's own
    // protection PUT writes the Store too).
    const auto before = persister_->current();
    auto response = answer();
    if (const auto after = persister_->current(); after != before) persister_->wait_durable(after);
    return response;
}

void Services::start(unsigned short main_port) {
    main_port_ = main_port;
    runtime_->start();
    service_controller_.start();
    service_registrar_.start();
    lb_data_plane_->start(main_port);
    target_registrar_.start();
}

// Stops and removes every container this Berth started; the controller goes first so that it
// starts no replacement for what the runtime stops.
void Services::stop() {
    service_registrar_.stop();
    if (lb_data_plane_) lb_data_plane_->stop();
    target_registrar_.stop();
    service_controller_.stop();
    runtime_->stop();
    if (persister_) persister_->stop();  // the last batch, and a snapshot
    if (edge_listeners_) edge_listeners_->stop();
    if (dns_listeners_) dns_listeners_->stop();
}

}  // namespace berth::app
