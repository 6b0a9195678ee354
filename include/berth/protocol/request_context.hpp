#pragma once
#include <string>

namespace berth::protocol {

// Who is calling and where: the (account, region) partition a call works in, taken from the
// SigV4 credential scope and access key (see resolve_context).
struct RequestContext {
    std::string account;
    std::string region;
    std::string access_key;
    std::string request_id;
    std::string signing_service;  // the SigV4 scope's service ("sts"); routes query requests
};

}  // namespace berth::protocol
