#include "berth/http/message.hpp"

namespace berth::http {

const std::string& Request::header(const std::string& lower_name) const {
    static const std::string empty;
    auto it = headers.find(lower_name);
    return it == headers.end() ? empty : it->second;
}

}  // namespace berth::http
