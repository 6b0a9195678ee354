#include "berth/app/wiring.hpp"

#include "berth/api/ecs/ecs_api.hpp"

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
}

void Services::start() {}

void Services::stop() {}

}  // namespace berth::app
