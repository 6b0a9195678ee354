// CreateLogStream, DeleteLogStream, DescribeLogStreams.
#include <algorithm>
#include <cstdio>
#include <functional>

#include "api/logs/handlers.hpp"
#include "api/logs/request.hpp"
#include "berth/protocol/pagination.hpp"

namespace berth::api::logs {

namespace {

using nlohmann::json;
using protocol::RequestContext;

struct StreamRow {
    std::string sort_key;  // the name, or for LastEventTime the padded time, then the name
    json out;
};

json describe(const model::PartitionKey& key, const model::LogGroup& g, const model::LogStream& s,
              std::int64_t now_ms) {
    json out{{"logStreamName", s.name},
             {"creationTime", s.creation_ms},
             {"arn", stream_arn(key, g.name, s.name)},
             {"storedBytes", s.stored_bytes}};
    // What retention has expired is gone to readers even before the next append trims it.
    const auto cutoff = model::LogStore::expired_before(g, now_ms);
    if (!s.events.empty() && s.events.back().timestamp_ms >= cutoff) {
        auto first = std::find_if(s.events.begin(), s.events.end(),
                                  [&](const auto& e) { return e.timestamp_ms >= cutoff; });
        out["firstEventTimestamp"] = first->timestamp_ms;
        out["lastEventTimestamp"] = s.events.back().timestamp_ms;
    }
    if (s.last_ingestion_ms != 0) out["lastIngestionTime"] = s.last_ingestion_ms;
    return out;
}

std::string last_event_key(const json& stream) {
    char padded[24];
    std::snprintf(padded, sizeof padded, "%020lld",
                  static_cast<long long>(stream.value("lastEventTimestamp", std::int64_t{0})));
    return std::string(padded) + "/" + stream.at("logStreamName").get<std::string>();
}

}  // namespace

json create_log_stream(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto result =
        env.logs.add_stream(partition_of(ctx), input.at("logGroupName").get<std::string>(),
                            input.at("logStreamName").get<std::string>());
    if (result == model::StreamResult::no_group) throw errors::group_not_found();
    if (result == model::StreamResult::exists) {
        throw errors::already_exists("The specified log stream already exists");
    }
    return json::object();
}

json delete_log_stream(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto result =
        env.logs.delete_stream(partition_of(ctx), input.at("logGroupName").get<std::string>(),
                               input.at("logStreamName").get<std::string>());
    if (result == model::DeleteResult::no_group) throw errors::group_not_found();
    if (result == model::DeleteResult::no_stream) throw errors::stream_not_found();
    return json::object();
}

json describe_log_streams(const Environment& env, const RequestContext& ctx, const json& input) {
    const auto key = partition_of(ctx);
    const auto group = group_named_in(key, input);
    const bool by_time = input.value("orderBy", "LogStreamName") == "LastEventTime";
    const auto prefix = input.value("logStreamNamePrefix", "");
    if (by_time && input.contains("logStreamNamePrefix")) {
        throw errors::invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    protocol::PageRequest page_request{.max_results = limit_of(input, 50), .after_key = {}};
    if (input.contains("nextToken")) {
        page_request.after_key =
            protocol::decode_page_token(input.at("nextToken").get<std::string>());
    }
    const auto now = env.logs.now_ms();
    auto rows = env.logs.read(key, [&](const model::LogPartition& p) {
        const auto* g = find_group(p, group);
        if (!g) throw errors::group_not_found();
        std::vector<StreamRow> out;
        for (auto it = g->streams.lower_bound(prefix); it != g->streams.end(); ++it) {
            if (!it->first.starts_with(prefix)) break;
            auto row = describe(key, *g, it->second, now);
            out.push_back({by_time ? last_event_key(row) : it->first, std::move(row)});
        }
        return out;
    });
    auto key_of = [](const StreamRow& r) -> const std::string& { return r.sort_key; };
    if (by_time)
        std::sort(rows.begin(), rows.end(),
                  [](auto& a, auto& b) { return a.sort_key < b.sort_key; });
    const bool descending = input.value("descending", false);
    if (descending) std::reverse(rows.begin(), rows.end());
    auto page = descending
                    ? protocol::paginate(std::move(rows), page_request, key_of, std::greater<>{})
                    : protocol::paginate(std::move(rows), page_request, key_of);
    json streams = json::array();
    for (auto& r : page.items) streams.push_back(std::move(r.out));
    json out{{"logStreams", std::move(streams)}};
    page.write_next_token(out);
    return out;
}

}  // namespace berth::api::logs
