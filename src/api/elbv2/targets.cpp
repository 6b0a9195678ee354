// RegisterTargets, DeregisterTargets and DescribeTargetHealth, on the store's own rules (the
// same ones ECS services use: model::LoadBalancerStore::register_targets).
#include "api/elbv2/errors.hpp"
#include "api/elbv2/handlers.hpp"
#include "api/elbv2/request.hpp"
#include "api/elbv2/serialize.hpp"

namespace berth::api::elbv2 {

using nlohmann::json;

namespace {

void throw_if_refused(const model::TargetCheck& check) {
    switch (check.problem) {
        case model::TargetProblem::none:
            return;
        case model::TargetProblem::target_group_not_found:
            throw errors::target_group_not_found(check.message);
        case model::TargetProblem::invalid_target:
            throw errors::invalid_target(check.message);
        case model::TargetProblem::validation:
            throw errors::validation(check.message);
    }
}

}  // namespace

json register_targets(const Environment& env, const protocol::RequestContext& ctx,
                      const json& input) {
    throw_if_refused(env.load_balancers.register_targets(
        partition_of(ctx), input.at("TargetGroupArn").get<std::string>(), read_targets(input),
        env.now()));
    return json::object();
}

json deregister_targets(const Environment& env, const protocol::RequestContext& ctx,
                        const json& input) {
    throw_if_refused(env.load_balancers.deregister_targets(
        partition_of(ctx), input.at("TargetGroupArn").get<std::string>(), read_targets(input),
        env.now()));
    return json::object();
}

json describe_target_health(const Environment& env, const protocol::RequestContext& ctx,
                            const json& input) {
    auto arn = input.at("TargetGroupArn").get<std::string>();
    auto targets = read_targets(input);
    // Draining ends here too, so it ends without a data plane running.
    env.load_balancers.expire_draining(env.now());
    return env.load_balancers.read(partition_of(ctx), [&](const model::LoadBalancerPartition& p) {
        const auto* g = p.find_target_group(arn);
        if (!g) throw errors::target_group_not_found();
        json out = json::array();
        for (const auto& entry : model::target_health_entries(*g, targets)) {
            out.push_back(target_health_json(*g, entry));
        }
        return json{{"TargetHealthDescriptions", out}};
    });
}

}  // namespace berth::api::elbv2
