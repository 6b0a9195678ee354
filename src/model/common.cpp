#include "berth/model/common.hpp"

#include <algorithm>

namespace berth::model {

double to_epoch_seconds(TimePoint t) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    return static_cast<double>(ms) / 1000.0;
}

void merge_tags(Tags& into, const Tags& add) {
    for (const auto& tag : add) {
        auto it = std::find_if(into.begin(), into.end(),
                               [&](const Tag& t) { return t.key == tag.key; });
        if (it == into.end()) {
            into.push_back(tag);
        } else {
            it->value = tag.value;
        }
    }
}

void remove_tags(Tags& from, const std::vector<std::string>& keys) {
    std::erase_if(from, [&](const Tag& t) {
        return std::find(keys.begin(), keys.end(), t.key) != keys.end();
    });
}

}  // namespace berth::model
