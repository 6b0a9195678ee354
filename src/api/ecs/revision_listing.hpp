#pragma once
// The order ECS lists revisions in (ListTaskDefinitions, ListDaemonTaskDefinitions): by family,
// then by revision as a number, ascending or descending, one page at a time.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "berth/protocol/pagination.hpp"

namespace berth::api::ecs {

// The space sorts before every character a family may hold, so "web" comes before "web-2".
inline std::string revision_listing_key(std::string_view family, int revision) {
    char number[16];
    std::snprintf(number, sizeof number, "%010d", revision);
    return std::string(family) + " " + number;
}

// (listing key, what is listed) pairs, sorted and cut to the page the request asks for.
template <class T>
protocol::Page<std::pair<std::string, T>> page_of_revisions(
    std::vector<std::pair<std::string, T>> items, const protocol::PageRequest& request,
    bool descending) {
    using Item = std::pair<std::string, T>;
    auto key_of = [](const Item& item) -> const std::string& { return item.first; };
    auto by_key = [](const Item& a, const Item& b) { return a.first < b.first; };
    if (descending) {
        auto after = [&](const Item& a, const Item& b) { return by_key(b, a); };
        std::sort(items.begin(), items.end(), after);
        return protocol::paginate(std::move(items), request, key_of, std::greater<>{});
    }
    std::sort(items.begin(), items.end(), by_key);
    return protocol::paginate(std::move(items), request, key_of);
}

}  // namespace berth::api::ecs
