#include "berth/protocol/pagination.hpp"

#include "berth/protocol/aws_error.hpp"
#include "protocol/base64.hpp"

namespace berth::protocol {
namespace {

// A version tag inside the token lets a future format reject old tokens cleanly.
constexpr std::string_view k_token_prefix = "berth.v1:";

AwsError invalid_token() {
    return errors::invalid_parameter("Invalid token.");
}

}  // namespace

std::string encode_page_token(std::string_view last_key) {
    std::string raw(k_token_prefix);
    raw += last_key;
    return base64_encode(raw);
}

std::string decode_page_token(std::string_view token) {
    auto raw = base64_decode(token);
    if (!raw || !raw->starts_with(k_token_prefix)) throw invalid_token();
    return raw->substr(k_token_prefix.size());
}

PageRequest read_page_request(const nlohmann::json& input, std::size_t limit) {
    PageRequest request;
    request.max_results = limit;
    if (auto it = input.find("maxResults"); it != input.end() && !it->is_null()) {
        // The model types maxResults as an integer, so validation has already checked that.
        const auto n = it->get<long long>();
        if (n < 1 || static_cast<unsigned long long>(n) > limit) {
            throw errors::invalid_parameter("maxResults must be between 1 and " +
                                            std::to_string(limit) + ".");
        }
        request.max_results = static_cast<std::size_t>(n);
    }
    if (auto it = input.find("nextToken"); it != input.end() && !it->is_null()) {
        if (!it->is_string()) throw invalid_token();
        request.after_key = decode_page_token(it->get_ref<const std::string&>());
    }
    return request;
}

}  // namespace berth::protocol
