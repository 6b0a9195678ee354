#include "berth/persist/image.hpp"

#include <algorithm>

#include "berth/persist/stores.hpp"
#include "describe.hpp"

namespace berth::persist {

namespace {

using codec::json;

namespace kind {
constexpr const char* cluster = "cluster";
constexpr const char* task_definition = "task-definition";
constexpr const char* daemon_task_definition = "daemon-task-definition";
constexpr const char* task = "task";
constexpr const char* service = "service";
constexpr const char* container_instance = "container-instance";
constexpr const char* capacity_provider = "capacity-provider";
constexpr const char* account_setting = "account-setting";
constexpr const char* account_setting_default = "account-setting-default";
constexpr const char* idempotency = "idempotency";
constexpr const char* sequence = "sequence";  // the partition's next_seq
}  // namespace kind

template <class Map>
void encode_map(Image& out, const char* kind, const std::string& partition, const Map& items) {
    for (const auto& [id, value] : items) {
        out.emplace(EntityKey{kind, partition, id}, codec::encode(value).dump());
    }
}

void encode_partition(Image& out, const model::Partition& p, TaskDefinitionTexts* texts) {
    const auto partition = partition_text(p.key);
    encode_map(out, kind::cluster, partition, p.clusters);
    for (const auto& [family, revisions] : p.task_definitions) {
        for (const auto& d : revisions) {
            out.emplace(EntityKey{kind::task_definition, partition,
                                  family + ":" + std::to_string(d.revision)},
                        texts ? texts->text_of(d) : codec::encode(d).dump());
        }
    }
    for (const auto& [family, revisions] : p.daemon_task_definitions) {
        for (const auto& d : revisions) {
            out.emplace(EntityKey{kind::daemon_task_definition, partition,
                                  family + ":" + std::to_string(d.revision)},
                        codec::encode(d).dump());
        }
    }
    encode_map(out, kind::task, partition, p.tasks);
    encode_map(out, kind::service, partition, p.services);
    encode_map(out, kind::container_instance, partition, p.container_instances);
    encode_map(out, kind::capacity_provider, partition, p.capacity_providers);
    encode_map(out, kind::account_setting, partition, p.account_settings);
    encode_map(out, kind::account_setting_default, partition, p.account_setting_defaults);
    for (const auto& [token, answer] : p.idempotency) {
        out.emplace(EntityKey{kind::idempotency, partition, token}, answer.dump());
    }
    out.emplace(EntityKey{kind::sequence, partition, ""}, std::to_string(p.next_seq));
}

void decode_entity_into(model::Partition& p, const EntityKey& key, const json& doc) {
    if (key.kind == kind::cluster) {
        p.clusters[key.id] = codec::decode_as<model::Cluster>(doc);
    } else if (key.kind == kind::task_definition) {
        auto d = codec::decode_as<model::TaskDefinition>(doc);
        p.task_definitions[d.family].push_back(std::move(d));
    } else if (key.kind == kind::daemon_task_definition) {
        auto d = codec::decode_as<model::DaemonTaskDefinition>(doc);
        p.daemon_task_definitions[d.family].push_back(std::move(d));
    } else if (key.kind == kind::task) {
        p.tasks[key.id] = codec::decode_as<model::Task>(doc);
    } else if (key.kind == kind::service) {
        p.services[key.id] = codec::decode_as<model::Service>(doc);
    } else if (key.kind == kind::container_instance) {
        p.container_instances[key.id] = codec::decode_as<model::ContainerInstance>(doc);
    } else if (key.kind == kind::capacity_provider) {
        p.capacity_providers[key.id] = codec::decode_as<model::CapacityProvider>(doc);
    } else if (key.kind == kind::account_setting) {
        p.account_settings[key.id] = codec::decode_as<model::AccountSetting>(doc);
    } else if (key.kind == kind::account_setting_default) {
        p.account_setting_defaults[key.id] = codec::decode_as<model::AccountSetting>(doc);
    } else if (key.kind == kind::idempotency) {
        p.idempotency[key.id] = doc;
    } else if (key.kind == kind::sequence) {
        p.next_seq = doc.get<std::uint64_t>();
    } else {
        throw StateError("unknown kind");
    }
}

// A daemon family's revisions in order, revision n at index n - 1 as the handlers find them.
void order_daemon_revisions(model::Partition& p) {
    for (auto& [family, revisions] : p.daemon_task_definitions) {
        std::sort(revisions.begin(), revisions.end(),
                  [](const auto& a, const auto& b) { return a.revision < b.revision; });
        for (std::size_t i = 0; i < revisions.size(); ++i) {
            if (revisions[i].revision != static_cast<int>(i) + 1) {
                throw StateError("daemon task definition " + family + " lacks revision " +
                                 std::to_string(i + 1) + " or has it twice");
            }
        }
    }
}

// A family's revisions in order of their numbers (gaps are revisions deleted for good).
void order_revisions(model::Partition& p) {
    for (auto& [family, revisions] : p.task_definitions) {
        std::sort(revisions.begin(), revisions.end(),
                  [](const auto& a, const auto& b) { return a.revision < b.revision; });
        auto twice = std::adjacent_find(
            revisions.begin(), revisions.end(),
            [](const auto& a, const auto& b) { return a.revision == b.revision; });
        if (twice != revisions.end()) {
            throw StateError("task definition " + family + " has revision " +
                             std::to_string(twice->revision) + " twice");
        }
    }
}

}  // namespace

std::string partition_text(const model::PartitionKey& key) {
    return key.account + "/" + key.region;
}

model::PartitionKey partition_key(const std::string& text) {
    auto slash = text.find('/');
    if (slash == std::string::npos) throw StateError("bad partition '" + text + "'");
    return {text.substr(0, slash), text.substr(slash + 1)};
}

namespace {

// Every member of model::TaskDefinition (the body by identity: bodies never change). A member
// added to TaskDefinition must be added here, or its changes would not reach the state files.
bool same_revision(const model::TaskDefinition& a, const model::TaskDefinition& b) {
    return a.arn == b.arn && a.family == b.family && a.revision == b.revision &&
           a.status == b.status && a.body == b.body && a.tags == b.tags &&
           a.registered_at == b.registered_at && a.deregistered_at == b.deregistered_at &&
           a.delete_requested_at == b.delete_requested_at && a.seq == b.seq;
}

}  // namespace

const std::string& TaskDefinitionTexts::text_of(const model::TaskDefinition& d) {
    auto node = texts_.extract(d.arn);
    if (node.empty() || !same_revision(node.mapped().revision, d)) {
        return seen_.insert_or_assign(d.arn, Entry{d, codec::encode(d).dump()}).first->second.text;
    }
    return seen_.insert(std::move(node)).position->second.text;
}

void TaskDefinitionTexts::end_round() {
    texts_ = std::move(seen_);
    seen_.clear();
}

Image encode_state(const std::vector<model::Partition>& partitions) {
    Image out;
    for (const auto& p : partitions) encode_partition(out, p, nullptr);
    return out;
}

Image encode_state(const std::vector<model::Partition>& partitions,
                   TaskDefinitionTexts& revisions) {
    Image out;
    for (const auto& p : partitions) encode_partition(out, p, &revisions);
    revisions.end_round();
    return out;
}

std::vector<model::Partition> decode_state(const Image& image) {
    std::map<model::PartitionKey, model::Partition> partitions;
    for (const auto& [key, text] : image) {
        if (is_side_kind(key.kind)) continue;  // restore_side_stores reads those
        auto pk = partition_key(key.partition);
        auto& p = partitions[pk];
        p.key = pk;
        try {
            decode_entity_into(p, key, json::parse(text));
        } catch (const std::exception& e) {
            throw StateError(key.kind + " " + key.id + " (" + key.partition +
                             "): cannot be read: " + e.what());
        }
    }
    std::vector<model::Partition> out;
    for (auto& [pk, p] : partitions) {
        order_revisions(p);
        order_daemon_revisions(p);
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Change> diff(const Image& before, const Image& after) {
    std::vector<Change> out;
    auto b = before.begin();
    auto a = after.begin();
    while (b != before.end() || a != after.end()) {
        if (a == after.end() || (b != before.end() && b->first < a->first)) {
            out.emplace_back(b->first, "");  // gone
            ++b;
        } else if (b == before.end() || a->first < b->first) {
            out.emplace_back(a->first, a->second);  // new
            ++a;
        } else {
            if (a->second != b->second) out.emplace_back(a->first, a->second);
            ++a;
            ++b;
        }
    }
    return out;
}

std::string change_payload(const Change& change) {
    const auto& [key, text] = change;
    return json::array({key.kind, key.partition, key.id}).dump() + "\n" + text;
}

void apply_payload(Image& image, std::string_view payload) {
    auto newline = payload.find('\n');
    if (newline == std::string_view::npos) throw StateError("a record without a key line");
    auto head = json::parse(payload.substr(0, newline), nullptr, false);
    if (!head.is_array() || head.size() != 3 || !head[0].is_string() || !head[1].is_string() ||
        !head[2].is_string()) {
        throw StateError("a record with a bad key line");
    }
    EntityKey key{head[0].get<std::string>(), head[1].get<std::string>(),
                  head[2].get<std::string>()};
    auto text = payload.substr(newline + 1);
    if (text.empty()) {
        image.erase(key);
    } else {
        image[key] = std::string(text);
    }
}

}  // namespace berth::persist
