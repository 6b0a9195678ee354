#pragma once
// Pagination the SSM way: `MaxResults` (its range checked by the model) and `NextToken`, a
// token that is not ours answering InvalidNextToken. Pages are cut by protocol::paginate.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "berth/protocol/pagination.hpp"

namespace berth::api::ssm {

protocol::PageRequest read_page(const nlohmann::json& input, std::size_t default_size);

template <class T>
void write_next_token(nlohmann::json& output, const protocol::Page<T>& page) {
    if (page.next_token) output["NextToken"] = *page.next_token;
}

}  // namespace berth::api::ssm
