#pragma once
// Pagination of list operations (ListClusters, ListTasks, ...), the ECS way: `maxResults`
// (1..100, default 100) and an opaque `nextToken`. The token names the last key of the page
// it ends rather than an offset, so items created or deleted between two calls neither repeat
// nor vanish from the pages that follow.
//
//   auto page = protocol::paginate(std::move(arns), protocol::read_page_request(input));
//   json out{{"clusterArns", page.items}};
//   page.write_next_token(out);
#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::protocol {

// Which members carry a page and which error a bad token gets: ECS's by default. Secrets
// Manager spells them "MaxResults" and "NextToken" and answers InvalidNextTokenException.
struct PageStyle {
    std::string_view max_results = "maxResults";
    std::string_view next_token = "nextToken";
    std::string_view token_error = "InvalidParameterException";
};
inline constexpr PageStyle k_capitalized_pages{"MaxResults", "NextToken",
                                               "InvalidNextTokenException"};

struct PageRequest {
    std::size_t max_results = 100;
    std::optional<std::string> after_key;  // decoded nextToken: resume after this key
};

// Reads `maxResults` and `nextToken` from a list operation's input. Throws
// InvalidParameterException when maxResults is outside 1..limit or the token is not one of ours.
PageRequest read_page_request(const nlohmann::json& input, std::size_t limit = 100,
                              const PageStyle& style = {});

std::string encode_page_token(std::string_view last_key);
// Throws style.token_error when `token` was not made by encode_page_token.
std::string decode_page_token(std::string_view token, const PageStyle& style = {});

template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_token;  // absent on the last page

    void write_next_token(nlohmann::json& output, const PageStyle& style = {}) const {
        if (next_token) output[std::string(style.next_token)] = *next_token;
    }
};

// The key of an item that is itself a string (an ARN, a family name).
struct IdentityKey {
    const std::string& operator()(const std::string& s) const { return s; }
};

// `items` must be sorted by `key` under `less` (use std::greater<> for a descending list).
// The page starts after request.after_key and holds at most request.max_results items.
template <class T, class KeyFn = IdentityKey, class Less = std::less<>>
Page<T> paginate(std::vector<T> items, const PageRequest& request, KeyFn key = {}, Less less = {}) {
    auto first = items.begin();
    if (request.after_key) {
        first = std::upper_bound(items.begin(), items.end(), *request.after_key,
                                 [&](const std::string& k, const T& item) {
                                     return less(std::string_view(k), std::string_view(key(item)));
                                 });
    }
    const auto remaining = static_cast<std::size_t>(std::distance(first, items.end()));
    const auto count = std::min(remaining, request.max_results);
    Page<T> page;
    page.items.reserve(count);
    std::move(first, first + static_cast<std::ptrdiff_t>(count), std::back_inserter(page.items));
    if (count < remaining && !page.items.empty()) {
        page.next_token = encode_page_token(key(page.items.back()));
    }
    return page;
}

}  // namespace berth::protocol
