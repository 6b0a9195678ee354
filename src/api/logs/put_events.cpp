// PutLogEvents. sequenceToken is accepted and ignored, as AWS has done since 2023: no
// InvalidSequenceTokenException or DataAlreadyAcceptedException.
#include "api/logs/handlers.hpp"
#include "api/logs/put_batch.hpp"
#include "api/logs/request.hpp"

namespace berth::api::logs {

using nlohmann::json;
using protocol::RequestContext;

namespace {

json rejected_info(const BatchVerdict& v) {
    json out = json::object();
    if (v.too_old_end) out["tooOldLogEventEndIndex"] = *v.too_old_end;
    if (v.expired_end) out["expiredLogEventEndIndex"] = *v.expired_end;
    if (v.too_new_start) out["tooNewLogEventStartIndex"] = *v.too_new_start;
    return out;
}

}  // namespace

json put_log_events(const Environment& env, const RequestContext& ctx, const json& input) {
    if (input.contains("entity")) {
        throw errors::invalid("Berth does not support entities on PutLogEvents.");
    }
    const auto key = partition_of(ctx);
    const auto group = input.at("logGroupName").get<std::string>();
    const auto stream = input.at("logStreamName").get<std::string>();
    std::vector<model::LogEvent> events;
    events.reserve(input.at("logEvents").size());
    for (const auto& e : input.at("logEvents")) {
        events.push_back(
            {e.at("timestamp").get<std::int64_t>(), e.at("message").get<std::string>()});
    }
    const auto now = env.logs.now_ms();
    const auto cutoff = env.logs.read(key, [&](const model::LogPartition& p) {
        const auto* g = find_group(p, group);
        if (!g) throw errors::group_not_found();
        return model::LogStore::expired_before(*g, now);
    });
    const auto verdict = check_batch(events, now, cutoff);
    std::vector<model::LogEvent> kept(std::make_move_iterator(events.begin() + verdict.kept_begin),
                                      std::make_move_iterator(events.begin() + verdict.kept_end));
    switch (env.logs.append_existing(key, group, stream, std::move(kept))) {
        case model::AppendResult::no_group:
            throw errors::group_not_found();
        case model::AppendResult::no_stream:
            throw errors::stream_not_found();
        case model::AppendResult::appended:
            break;
    }
    json out = json::object();
    if (verdict.any_rejected()) out["rejectedLogEventsInfo"] = rejected_info(verdict);
    return out;
}

}  // namespace berth::api::logs
