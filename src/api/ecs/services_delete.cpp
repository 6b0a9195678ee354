// DeleteService: the service goes DRAINING with a desired count of 0; the scheduler stops its
// tasks and marks it INACTIVE once none is left. DescribeServices keeps showing it.
#include "api/ecs/handlers.hpp"
#include "api/ecs/request.hpp"
#include "api/ecs/resolve.hpp"
#include "api/ecs/services.hpp"
#include "api/ecs/services_serialize.hpp"
#include "api/ecs/task_sets.hpp"
#include "berth/protocol/aws_error.hpp"

namespace berth::api::ecs {

namespace {

using nlohmann::json;
using protocol::RequestContext;
namespace errors = protocol::errors;

}  // namespace

json delete_service(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto ref = read_service_ref(key, input, "service");
    const bool force = optional_bool(input, "force", false);
    const auto now = env.now();
    return env.store.write(key, [&](model::Partition& p) {
        require_cluster(p, ref.cluster);
        auto& s = require_service(p, ref);
        if (s.status == model::ServiceStatus::inactive) throw errors::service_not_active();
        if (s.status == model::ServiceStatus::active) {
            // A DAEMON service's desired count follows the instances: it needs no scaling first.
            if (s.scheduling_strategy != model::SchedulingStrategy::daemon && s.desired_count > 0 &&
                !force) {
                throw errors::invalid_parameter(
                    "The service cannot be stopped while it is scaled above 0.");
            }
            s.status = model::ServiceStatus::draining;
            s.desired_count = 0;
            if (auto* primary = primary_deployment(s)) {
                primary->desired_count = 0;
                primary->updated_at = now;
            }
            drain_task_sets(s, now);
        }
        return json{{"service", service_json(s, !s.tags.empty())}};
    });
}

}  // namespace berth::api::ecs
