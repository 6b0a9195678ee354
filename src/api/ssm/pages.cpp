#include "api/ssm/pages.hpp"

#include "api/ssm/errors.hpp"

namespace berth::api::ssm {

protocol::PageRequest read_page(const nlohmann::json& input, std::size_t default_size) {
    protocol::PageRequest request;
    request.max_results = default_size;
    if (auto it = input.find("MaxResults"); it != input.end()) {
        request.max_results = it->get<std::size_t>();
    }
    if (auto it = input.find("NextToken"); it != input.end()) {
        try {
            request.after_key = protocol::decode_page_token(it->get<std::string>());
        } catch (const protocol::AwsError&) {
            throw errors::invalid_next_token();
        }
    }
    return request;
}

}  // namespace berth::api::ssm
