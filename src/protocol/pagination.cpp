#include "berth/protocol/pagination.hpp"

#include "berth/protocol/aws_error.hpp"
#include "berth/protocol/base64.hpp"

namespace berth::protocol {
namespace {

// A version tag inside the token lets a future format reject old tokens cleanly.
constexpr std::string_view k_token_prefix = "berth.v1:";

AwsError invalid_token(const PageStyle& style) {
    return {std::string(style.token_error), "Invalid token."};
}

}  // namespace

std::string encode_page_token(std::string_view last_key) {
    std::string raw(k_token_prefix);
    raw += last_key;
    return base64_encode(raw);
}

std::string decode_page_token(std::string_view token, const PageStyle& style) {
    auto raw = base64_decode(token);
    if (!raw || !raw->starts_with(k_token_prefix)) throw invalid_token(style);
    return raw->substr(k_token_prefix.size());
}

PageRequest read_page_request(const nlohmann::json& input, std::size_t limit,
                              const PageStyle& style) {
    PageRequest request;
    request.max_results = limit;
    if (auto it = input.find(style.max_results); it != input.end() && !it->is_null()) {
        // The model types maxResults as an integer, so validation has already checked that.
        const auto n = it->get<long long>();
        if (n < 1 || static_cast<unsigned long long>(n) > limit) {
            throw errors::invalid_parameter(std::string(style.max_results) +
                                            " must be between 1 and " + std::to_string(limit) +
                                            ".");
        }
        request.max_results = static_cast<std::size_t>(n);
    }
    if (auto it = input.find(style.next_token); it != input.end() && !it->is_null()) {
        if (!it->is_string()) throw invalid_token(style);
        request.after_key = decode_page_token(it->get_ref<const std::string&>(), style);
    }
    return request;
}

}  // namespace berth::protocol
