#pragma once
// Every store the state directory keeps: the ECS Store and the stores of the services around
// ECS (Secrets Manager, SSM Parameter Store, CloudWatch Logs, Cloud Map, Elastic Load
// Balancing), each behind its own lock. A
// Versions value holds how many writes each store had seen; the persister's batches and the
// app's wait_durable speak in it, so a write to one store never waits on, or passes for, a
// write to another.
#include <array>
#include <cstdint>
#include <map>
#include <string_view>

#include "berth/model/load_balancers.hpp"
#include "berth/model/log_store.hpp"
#include "berth/model/parameters.hpp"
#include "berth/model/secrets.hpp"
#include "berth/model/service_discovery.hpp"
#include "berth/model/store.hpp"
#include "berth/persist/image.hpp"

namespace berth::persist {

struct Stores {
    model::Store& ecs;
    model::SecretStore* secrets = nullptr;  // null: not kept (tests of the ECS state alone)
    model::ParameterStore* parameters = nullptr;
    model::LogStore* logs = nullptr;
    model::ServiceDiscoveryStore* service_discovery = nullptr;
    model::LoadBalancerStore* load_balancers = nullptr;
};

// One count per store, in Stores' order; 0 for a store not kept.
using Versions = std::array<std::uint64_t, 6>;

Versions versions_of(const Stores& stores);
// Every store has reached `wanted`.
bool covers(const Versions& reached, const Versions& wanted);

// The entity kinds of the stores around ECS (decode_state leaves them to restore_side_stores).
bool is_side_kind(std::string_view kind);

// Turns the stores into one image, copying each under its own lock in turn and encoding off
// every lock. Log events are entities of up to k_chunk_seqs consecutive seqs of one stream:
// the imager remembers which events each chunk held when `previous` was taken and copies and
// encodes only the chunks that changed, taking the others' text from `previous`.
class StoreImager {
  public:
    static constexpr std::uint64_t k_chunk_seqs = 256;

    std::pair<Image, Versions> take(const Stores& stores, const Image& previous);
    // The next take() encodes every chunk (its `previous` is not the image the last take made).
    void forget() { chunks_.clear(); }

    struct ChunkSummary {
        std::uint64_t count = 0, seq_sum = 0;  // seqs only grow: these tell the events apart
        bool operator==(const ChunkSummary&) const = default;
    };

  private:
    std::map<EntityKey, ChunkSummary> chunks_;
    TaskDefinitionTexts revisions_;
};

// Fills the stores around ECS from an image StateDir::load() read (the app restores the ECS
// Store itself, settling its tasks). Throws StateError naming an entity it cannot read.
void restore_side_stores(const Image& image, const Stores& stores);

}  // namespace berth::persist
