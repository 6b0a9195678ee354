#pragma once
// The Store as the state files see it: one JSON text per entity (a cluster, a task definition
// revision, a task, ...), keyed by kind, partition and id. A journal record is one entity's
// new text (or its removal); a snapshot is every entity. Entities are whole values, so
// replaying a record twice, or a journal over a snapshot that already holds it, changes
// nothing.
#include <compare>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "berth/model/store.hpp"

namespace berth::persist {

struct EntityKey {
    std::string kind;       // "cluster", "task-definition", "task", ...
    std::string partition;  // "<account>/<region>"
    std::string id;         // name, ARN, or family:revision
    auto operator<=>(const EntityKey&) const = default;
};

using Image = std::map<EntityKey, std::string>;    // entity → its JSON text
using Change = std::pair<EntityKey, std::string>;  // empty text: the entity is gone

// A partition as the state files name it, "<account>/<region>", and back (StateError when bad).
std::string partition_text(const model::PartitionKey& key);
model::PartitionKey partition_key(const std::string& text);

// What encode_state can carry from one image to the next: each task definition revision's
// text, which is most of the state and rarely changes once registered (encoding every revision
// again was most of a batch's time). A round reuses the text of a revision equal, member for
// member, to the one encoded before, and forgets the revisions it did not see.
class TaskDefinitionTexts {
  public:
    const std::string& text_of(const model::TaskDefinition& d);
    void end_round();

  private:
    struct Entry {
        model::TaskDefinition revision;  // as it was encoded
        std::string text;
    };
    std::unordered_map<std::string, Entry> texts_, seen_;  // by ARN
};

Image encode_state(const std::vector<model::Partition>& partitions);
// The same image, taking unchanged revisions' text from `revisions`.
Image encode_state(const std::vector<model::Partition>& partitions, TaskDefinitionTexts& revisions);
// Throws StateError when an entity cannot be read (the message names it).
std::vector<model::Partition> decode_state(const Image& image);

// What turns `before` into `after`, in key order.
std::vector<Change> diff(const Image& before, const Image& after);

// A change as a record payload: the key as a JSON array on the first line, then the text.
std::string change_payload(const Change& change);
// Applies a payload to `image`; throws StateError when it is not one change_payload wrote.
void apply_payload(Image& image, std::string_view payload);

}  // namespace berth::persist
