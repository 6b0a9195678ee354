#include "berth/persist/stores.hpp"

#include <algorithm>
#include <deque>
#include <set>
#include <tuple>
#include <type_traits>
#include <vector>

#include "describe.hpp"

namespace berth::persist {

namespace {

using codec::json;

namespace kind {
constexpr std::string_view secret = "secret";
constexpr std::string_view parameter = "parameter";
constexpr std::string_view log_group = "log-group";
constexpr std::string_view log_stream = "log-stream";
constexpr std::string_view log_events = "log-events";  // one chunk of a stream's events
constexpr std::string_view cloudmap_namespace = "cloudmap-namespace";
constexpr std::string_view cloudmap_service = "cloudmap-service";  // with its instances
constexpr std::string_view cloudmap_operation = "cloudmap-operation";
constexpr std::string_view load_balancer = "elb-load-balancer";
constexpr std::string_view target_group = "elb-target-group";  // with its targets
constexpr std::string_view listener = "elb-listener";
constexpr std::string_view rule = "elb-rule";
}  // namespace kind

// Calls f(kind, map) for each map of a partition that is saved, one entity per entry, keyed
// as the map is. P is a store's partition type, const or not.
template <class P, class F>
void for_each_member(P& p, F&& f) {
    using T = std::remove_const_t<P>;
    if constexpr (std::is_same_v<T, model::SecretPartition>) {
        f(kind::secret, p.by_name);
    } else if constexpr (std::is_same_v<T, model::ParameterPartition>) {
        f(kind::parameter, p.parameters);
    } else if constexpr (std::is_same_v<T, model::ServiceDiscoveryPartition>) {
        f(kind::cloudmap_namespace, p.namespaces);
        f(kind::cloudmap_service, p.services);
        f(kind::cloudmap_operation, p.operations);
    } else {
        static_assert(std::is_same_v<T, model::LoadBalancerPartition>);
        f(kind::load_balancer, p.load_balancers);
        f(kind::target_group, p.target_groups);
        f(kind::listener, p.listeners);
        f(kind::rule, p.rules);
    }
}

template <class P>
bool is_kind_of(std::string_view k) {
    static const P none{};
    bool found = false;
    for_each_member(none, [&](std::string_view member_kind, const auto&) {
        found = found || member_kind == k;
    });
    return found;
}

// Log group names hold no ':', stream names neither: "<group>:<stream>[:<chunk>]" splits back.
std::string stream_id(const std::string& group, const std::string& stream) {
    return group + ":" + stream;
}

// A store's partitions with the version they are as of, copied under its lock.
template <class Store>
auto copy_of(const Store& store) {
    return store.versioned_copy();
}
auto copy_of(const model::LoadBalancerStore& store) {
    auto snapshot = store.snapshot();  // shared with the data plane: copy it out
    return std::pair{snapshot->partitions, snapshot->version};
}

// Encodes the store's saved maps (off its lock) and returns the version they are of; 0 for a
// store not kept.
template <class Store>
std::uint64_t encode_side(Image& out, const Store* store) {
    if (!store) return 0;
    auto [partitions, version] = copy_of(*store);
    for (const auto& [key, p] : partitions) {
        const auto partition = partition_text(key);
        for_each_member(p, [&](std::string_view k, const auto& items) {
            for (const auto& [id, value] : items) {
                out.emplace(EntityKey{std::string(k), partition, id}, codec::encode(value).dump());
            }
        });
    }
    return version;
}

// What one pass over the log store copies: groups and streams without their events, and the
// events of the chunks that changed.
struct LogCopy {
    std::vector<std::pair<EntityKey, model::LogGroup>> groups;
    std::vector<std::pair<EntityKey, model::LogStream>> streams;
    std::deque<std::pair<EntityKey, std::vector<model::StoredLogEvent>>> changed_chunks;  // stable
    std::set<EntityKey> unchanged_chunks;
};

// One partition's groups and streams, and the events of each chunk whose summary differs from
// `cached` (or that `previous` lacks). Runs under the log store's shared lock: integers and
// copies only.
using Summary = StoreImager::ChunkSummary;

void copy_log_partition(const std::string& partition, const model::LogPartition& p,
                        const std::map<EntityKey, Summary>& cached, const Image& previous,
                        LogCopy& copy, std::map<EntityKey, Summary>& seen) {
    constexpr auto k_chunk_seqs = StoreImager::k_chunk_seqs;
    for (const auto& [group_name, group] : p.groups) {
        model::LogGroup meta{group.name, group.creation_ms, group.retention_days, group.tags, {}};
        copy.groups.emplace_back(EntityKey{std::string(kind::log_group), partition, group_name},
                                 std::move(meta));
        for (const auto& [stream_name, stream] : group.streams) {
            const auto id = stream_id(group_name, stream_name);
            model::LogStream meta_stream;
            meta_stream.name = stream.name;
            meta_stream.creation_ms = stream.creation_ms;
            meta_stream.last_ingestion_ms = stream.last_ingestion_ms;
            copy.streams.emplace_back(EntityKey{std::string(kind::log_stream), partition, id},
                                      std::move(meta_stream));
            std::map<std::uint64_t, Summary> summaries;
            for (const auto& e : stream.events) {
                auto& s = summaries[e.seq / k_chunk_seqs];
                ++s.count;
                s.seq_sum += e.seq;
            }
            std::map<std::uint64_t, std::vector<model::StoredLogEvent>*> changed;
            for (const auto& [chunk, summary] : summaries) {
                EntityKey k{std::string(kind::log_events), partition,
                            id + ":" + std::to_string(chunk)};
                auto it = cached.find(k);
                if (it != cached.end() && it->second == summary && previous.contains(k)) {
                    copy.unchanged_chunks.insert(k);
                } else {
                    changed[chunk] =
                        &copy.changed_chunks.emplace_back(k, std::vector<model::StoredLogEvent>{})
                             .second;
                }
                seen.emplace(std::move(k), summary);
            }
            if (changed.empty()) continue;
            for (const auto& e : stream.events) {
                if (auto it = changed.find(e.seq / k_chunk_seqs); it != changed.end()) {
                    it->second->push_back(e);
                }
            }
        }
    }
}

}  // namespace

Versions versions_of(const Stores& s) {
    auto of = [](const auto* store) -> std::uint64_t { return store ? store->version() : 0; };
    return {s.ecs.version(), of(s.secrets),           of(s.parameters),
            of(s.logs),      of(s.service_discovery), of(s.load_balancers)};
}

bool covers(const Versions& reached, const Versions& wanted) {
    for (std::size_t i = 0; i < reached.size(); ++i) {
        if (reached[i] < wanted[i]) return false;
    }
    return true;
}

bool is_side_kind(std::string_view k) {
    return k == kind::log_group || k == kind::log_stream || k == kind::log_events ||
           is_kind_of<model::SecretPartition>(k) || is_kind_of<model::ParameterPartition>(k) ||
           is_kind_of<model::ServiceDiscoveryPartition>(k) ||
           is_kind_of<model::LoadBalancerPartition>(k);
}

std::pair<Image, Versions> StoreImager::take(const Stores& stores, const Image& previous) {
    Versions versions{};
    auto [partitions, ecs_version] = stores.ecs.versioned_snapshot();
    versions[0] = ecs_version;
    Image image = encode_state(partitions, revisions_);
    versions[1] = encode_side(image, stores.secrets);
    versions[2] = encode_side(image, stores.parameters);
    versions[4] = encode_side(image, stores.service_discovery);
    versions[5] = encode_side(image, stores.load_balancers);
    if (!stores.logs) return {std::move(image), versions};

    LogCopy copy;
    std::map<EntityKey, ChunkSummary> seen;
    versions[3] =
        stores.logs->read_all([&](const model::PartitionKey& key, const model::LogPartition& p) {
            copy_log_partition(partition_text(key), p, chunks_, previous, copy, seen);
        });
    // Off the log store's lock.
    for (auto& [k, group] : copy.groups) image.emplace(k, codec::encode(group).dump());
    for (auto& [k, stream] : copy.streams) image.emplace(k, codec::encode(stream).dump());
    for (auto& [k, events] : copy.changed_chunks) image.emplace(k, codec::encode(events).dump());
    for (const auto& k : copy.unchanged_chunks) image.emplace(k, previous.at(k));
    chunks_ = std::move(seen);
    return {std::move(image), versions};
}

namespace {

// "<group>:<stream>" (and ":<chunk>" after it) back into its names.
std::pair<std::string, std::string> split_stream_id(const std::string& id) {
    auto colon = id.find(':');
    if (colon == std::string::npos) throw StateError("bad log stream id");
    auto rest = id.substr(colon + 1);
    return {id.substr(0, colon), rest.substr(0, rest.find(':'))};
}

struct SideState {
    std::map<model::PartitionKey, model::SecretPartition> secrets;
    std::map<model::PartitionKey, model::ParameterPartition> parameters;
    std::map<model::PartitionKey, model::LogPartition> logs;
    std::map<model::PartitionKey, model::ServiceDiscoveryPartition> service_discovery;
    std::map<model::PartitionKey, model::LoadBalancerPartition> load_balancers;
};

// Puts the entity in the partition's map of its kind; false when P has no such kind.
template <class P>
bool decode_member(std::map<model::PartitionKey, P>& partitions, const model::PartitionKey& pk,
                   const EntityKey& key, const std::string& text) {
    if (!is_kind_of<P>(key.kind)) return false;
    for_each_member(partitions[pk], [&](std::string_view k, auto& items) {
        if (k != key.kind) return;
        using Value = typename std::decay_t<decltype(items)>::mapped_type;
        items[key.id] = codec::decode_as<Value>(json::parse(text));
    });
    return true;
}

void decode_side_entity(SideState& s, const EntityKey& key, const std::string& text) {
    const auto pk = partition_key(key.partition);
    if (decode_member(s.secrets, pk, key, text) || decode_member(s.parameters, pk, key, text) ||
        decode_member(s.service_discovery, pk, key, text) ||
        decode_member(s.load_balancers, pk, key, text)) {
        return;
    }
    if (key.kind == kind::log_group) {
        auto& group = s.logs[pk].groups[key.id];
        auto streams = std::move(group.streams);  // a stream may have come first
        group = codec::decode_as<model::LogGroup>(json::parse(text));
        group.streams = std::move(streams);
    } else {
        auto [group_name, stream_name] = split_stream_id(key.id);
        auto& stream = s.logs[pk].groups[group_name].streams[stream_name];
        if (key.kind == kind::log_stream) {
            auto events = std::move(stream.events);
            stream = codec::decode_as<model::LogStream>(json::parse(text));
            stream.events = std::move(events);
        } else {
            auto events = codec::decode_as<std::vector<model::StoredLogEvent>>(json::parse(text));
            stream.events.insert(stream.events.end(), events.begin(), events.end());
        }
    }
}

// Sorts each stream's events. A group or stream whose own entity is missing (a journal torn in
// the middle of the batch that created it: chunks sort before their stream) is kept under the
// names its key gives, rather than refusing to start.
void settle_logs(std::map<model::PartitionKey, model::LogPartition>& logs) {
    for (auto& [key, p] : logs) {
        for (auto& [group_name, group] : p.groups) {
            if (group.name.empty()) group.name = group_name;
            for (auto& [stream_name, stream] : group.streams) {
                if (stream.name.empty()) stream.name = stream_name;
                std::sort(
                    stream.events.begin(), stream.events.end(), [](const auto& a, const auto& b) {
                        return std::tie(a.timestamp_ms, a.seq) < std::tie(b.timestamp_ms, b.seq);
                    });
            }
        }
    }
}

}  // namespace

void restore_side_stores(const Image& image, const Stores& stores) {
    SideState state;
    for (const auto& [key, text] : image) {
        if (!is_side_kind(key.kind)) continue;
        try {
            decode_side_entity(state, key, text);
        } catch (const std::exception& e) {
            throw StateError(key.kind + " " + key.id + " (" + key.partition +
                             "): cannot be read: " + e.what());
        }
    }
    settle_logs(state.logs);
    if (stores.secrets) stores.secrets->restore(std::move(state.secrets));
    if (stores.parameters) stores.parameters->restore(std::move(state.parameters));
    if (stores.logs) stores.logs->restore(std::move(state.logs));
    if (stores.service_discovery) {
        stores.service_discovery->restore(std::move(state.service_discovery));
    }
    if (stores.load_balancers) stores.load_balancers->restore(std::move(state.load_balancers));
}

}  // namespace berth::persist
