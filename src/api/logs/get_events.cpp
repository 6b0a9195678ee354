// GetLogEvents: one stream's events in a time range, paged by forward and backward tokens
// (event_page.hpp).
#include "api/logs/event_page.hpp"
#include "api/logs/handlers.hpp"
#include "api/logs/request.hpp"

namespace berth::api::logs {

using nlohmann::json;
using protocol::RequestContext;

namespace {

EventPageRequest page_request(const json& input) {
    EventPageRequest r;
    r.start_ms = input.value("startTime", std::int64_t{0});
    if (input.contains("endTime")) r.end_ms = input.at("endTime").get<std::int64_t>();
    if (input.contains("nextToken")) {
        r.token = decode_token(input.at("nextToken").get<std::string>());
    }
    r.from_head = input.value("startFromHead", false);
    r.limit = limit_of(input, 10'000);
    return r;
}

}  // namespace

json get_log_events(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto group = group_named_in(key, input);
    const auto stream = input.at("logStreamName").get<std::string>();
    auto request = page_request(input);
    const auto now = env.logs.now_ms();
    return env.logs.read(key, [&](const model::LogPartition& p) {
        const auto* g = find_group(p, group);
        if (!g) throw errors::group_not_found();
        const auto s = g->streams.find(stream);
        if (s == g->streams.end()) throw errors::stream_not_found();
        request.start_ms = std::max(request.start_ms, model::LogStore::expired_before(*g, now));
        const auto page = event_page(s->second.events, request);
        json events = json::array();
        for (auto i = page.begin; i < page.end; ++i) {
            const auto& e = s->second.events[i];
            events.push_back({{"timestamp", e.timestamp_ms},
                              {"message", e.message},
                              {"ingestionTime", e.ingestion_ms}});
        }
        return json{{"events", std::move(events)},
                    {"nextForwardToken", encode_token(page.forward)},
                    {"nextBackwardToken", encode_token(page.backward)}};
    });
}

}  // namespace berth::api::logs
