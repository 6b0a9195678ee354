#pragma once
// The protocol front door: turns an http::Request into a call of the right JsonService
// (routed by the X-Amz-Target prefix), and every outcome — result, AwsError, unexpected
// exception — into an AWS-shaped http::Response. This is the single catch site for errors.
#include <string>
#include <vector>

#include "berth/http/message.hpp"
#include "berth/protocol/json_service.hpp"

namespace berth::protocol {

struct FrontOptions {
    std::string default_account = "000000000000";
    std::string default_region = "us-east-1";
};

class Front {
  public:
    explicit Front(FrontOptions options);
    void add_service(const JsonService& service);  // not owned; must outlive Front
    // POST + X-Amz-Target "<targetPrefix>.<Operation>" → that service's operation;
    // GET / and GET /health → {"status":"running","services":{"<endpointPrefix>":"running"}}.
    // Never throws: every failure becomes an AWS JSON error response.
    http::Response handle(http::Request&& request) const;

  private:
    http::Response call(const JsonService& service, const std::string& operation,
                        const RequestContext& ctx, const std::string& body) const;
    http::Response health(const std::string& request_id) const;

    FrontOptions options_;
    std::vector<const JsonService*> services_;
};

// (account, region, access key) for a request: region from the SigV4 credential scope
// (default_region when unsigned); an access key id of exactly 12 digits names the account,
// any other key uses default_account.
RequestContext resolve_context(const http::Request& request, const FrontOptions& options);

}  // namespace berth::protocol
