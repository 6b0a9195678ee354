#include "berth/app/wiring.hpp"

#include "berth/api/ecs/ecs_api.hpp"
#include "berth/api/ssm/ssm_api.hpp"

namespace berth::app {

namespace {

protocol::FrontOptions front_options(const Config& config) {
    protocol::FrontOptions options;
    options.default_account = config.account_id;
    options.default_region = config.region;
    return options;
}

}  // namespace

Services::Services(const Config& config)
    : ecs_(api::ecs::make_ecs_service({store_})), front_(front_options(config)) {
    ecs_->set_strict_output(config.strict_responses);
    front_.add_service(*ecs_);
    ssm_ = api::ssm::make_ssm_service({parameters_});
    ssm_->set_strict_output(config.strict_responses);
    front_.add_service(*ssm_);
    runtime::RuntimeOptions runtime_options;
    runtime_options.docker_hosts = config.docker_hosts;
    runtime_options.secret_sources = {nullptr, &parameters_};  // tasks' secrets (issue 10)
    runtime_ = std::make_unique<runtime::Runtime>(store_, std::move(runtime_options));
}

void Services::start() {
    runtime_->start();
    service_controller_.start();
}

// Stops and removes every container this Berth started; the controller goes first so that it
// starts no replacement for what the runtime stops.
void Services::stop() {
    service_controller_.stop();
    runtime_->stop();
}

}  // namespace berth::app
