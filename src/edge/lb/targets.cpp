#include "targets.hpp"

#include <cstdio>

#include "weighted.hpp"

namespace berth::edge::lb {

namespace {

using model::TargetHealthState;

bool draining(TargetHealthState s) {
    return s == TargetHealthState::draining || s == TargetHealthState::unhealthy_draining;
}

}  // namespace

std::vector<const model::Target*> routable_targets(const model::TargetGroup& group) {
    std::vector<const model::Target*> healthy, open;
    for (const auto& t : group.targets) {
        if (t.health.state == TargetHealthState::healthy) healthy.push_back(&t);
        if (!draining(t.health.state)) open.push_back(&t);
    }
    return healthy.empty() ? open : healthy;
}

// FNV-1a, 64 bits, in hex.
std::string sticky_token(std::string_view name) {
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : name) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
    return out;
}

std::string_view cookie_value(const boost::beast::http::fields& headers, std::string_view name) {
    auto [first, last] = headers.equal_range(boost::beast::http::field::cookie);
    for (auto it = first; it != last; ++it) {
        std::string_view line(it->value().data(), it->value().size());
        while (!line.empty()) {
            auto semi = line.find(';');
            auto item = line.substr(0, semi);
            line = semi == std::string_view::npos ? std::string_view() : line.substr(semi + 1);
            while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
            auto eq = item.find('=');
            if (eq != std::string_view::npos && item.substr(0, eq) == name) {
                return item.substr(eq + 1);
            }
        }
    }
    return {};
}

std::optional<GroupChoice> choose_group(const model::ForwardAction& forward,
                                        std::string_view cookie, std::uint64_t draw) {
    const auto& groups = forward.target_groups;
    if (groups.size() == 1) return GroupChoice{0, false};
    if (forward.stickiness_enabled && !cookie.empty()) {
        for (std::size_t i = 0; i < groups.size(); ++i) {
            if (groups[i].weight > 0 && sticky_token(groups[i].target_group_arn) == cookie) {
                return GroupChoice{i, true};
            }
        }
    }
    std::vector<int> weights;
    weights.reserve(groups.size());
    for (const auto& g : groups) weights.push_back(g.weight);
    auto index = weighted_pick(weights, draw);
    if (!index) return std::nullopt;
    return GroupChoice{*index, false};
}

}  // namespace berth::edge::lb
