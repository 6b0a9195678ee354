// GetOperation and ListOperations. Reporting an operation marks it reported: its first report
// says SUBMITTED, the ones after its outcome (model::CloudMapOperation::report).
#include "api/servicediscovery/errors.hpp"
#include "api/servicediscovery/handlers.hpp"
#include "api/servicediscovery/request.hpp"
#include "api/servicediscovery/serialize.hpp"

namespace berth::api::servicediscovery {

using nlohmann::json;

namespace {

std::string target(const model::CloudMapOperation& op, model::OperationTargetType type) {
    auto it = op.targets.find(type);
    return it == op.targets.end() ? std::string() : it->second;
}

bool keep(const model::CloudMapOperation& op, const Filter& f) {
    if (f.name == "NAMESPACE_ID")
        return f.matches(target(op, model::OperationTargetType::namespace_));
    if (f.name == "SERVICE_ID") return f.matches(target(op, model::OperationTargetType::service));
    if (f.name == "STATUS") {
        const auto shown = op.reported ? op.status : model::OperationStatus::submitted;
        return f.matches(model::to_string(shown));
    }
    if (f.name == "TYPE") return f.matches(model::to_string(op.type));
    return f.matches_number(model::to_epoch_seconds(op.update_date));  // UPDATE_DATE
}

}  // namespace

json get_operation(const Environment& env, const protocol::RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto id = input.at("OperationId").get<std::string>();
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        auto it = p.operations.find(id);
        if (it == p.operations.end()) throw errors::operation_not_found(id);
        const auto status = it->second.report();
        return json{{"Operation", operation_json(it->second, status, key)}};
    });
}

json list_operations(const Environment& env, const protocol::RequestContext& ctx,
                     const json& input) {
    const auto key = partition_of(ctx);
    const auto filters = read_filters(input, {{"NAMESPACE_ID", "EQ"},
                                              {"SERVICE_ID", "EQ"},
                                              {"STATUS", "EQ"},
                                              {"STATUS", "IN"},
                                              {"TYPE", "EQ"},
                                              {"TYPE", "IN"},
                                              {"UPDATE_DATE", "BETWEEN"}});
    auto request = read_page(input);
    return env.store.write(key, [&](model::ServiceDiscoveryPartition& p) {
        std::vector<model::CloudMapOperation*> found;
        for (auto& [id, entry] : p.operations) {
            auto& op = entry;  // the lambda below captures it (clang 14 captures no binding)
            if (std::all_of(filters.begin(), filters.end(),
                            [&](const Filter& f) { return keep(op, f); })) {
                found.push_back(&op);
            }
        }
        auto page = protocol::paginate(
            std::move(found), request,
            [](const model::CloudMapOperation* op) -> const std::string& { return op->id; });
        json list = json::array();
        for (auto* op : page.items) {
            list.push_back({{"Id", op->id}, {"Status", model::to_string(op->report())}});
        }
        json out{{"Operations", std::move(list)}};
        write_next_token(out, page);
        return out;
    });
}

}  // namespace berth::api::servicediscovery
