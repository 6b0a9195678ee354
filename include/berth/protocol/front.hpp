#pragma once
// The protocol front door: turns an http::Request into a call of the right service — a
// JsonService routed by the X-Amz-Target prefix, or a QueryService (a form POST without
// X-Amz-Target) routed by the SigV4 scope's service — and every outcome — result, AwsError,
// unexpected exception — into an AWS-shaped http::Response: call() is the single catch site
// for JSON errors, call_query() for query (XML) errors.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "berth/http/message.hpp"
#include "berth/protocol/json_service.hpp"
#include "berth/protocol/query_service.hpp"

namespace berth::protocol {

struct FrontOptions {
    std::string default_account = "000000000000";
    std::string default_region = "us-east-1";
    // The account of an access key the app knows (temporary credentials it issued); nullopt
    // for any other key. Unset: no such keys.
    std::function<std::optional<std::string>(std::string_view access_key)> account_for_key;
};

class Front {
  public:
    explicit Front(FrontOptions options);
    void add_service(const JsonService& service);   // not owned; must outlive Front
    void add_service(const QueryService& service);  // not owned; must outlive Front
    // POST + X-Amz-Target "<targetPrefix>.<Operation>" → that service's operation;
    // GET / and GET /health → {"status":"running","services":{"<endpointPrefix>":"running"}}.
    // Never throws: every failure becomes an AWS JSON error response.
    http::Response handle(http::Request&& request) const;

  private:
    http::Response call(const JsonService& service, const std::string& operation,
                        const RequestContext& ctx, const std::string& body) const;
    http::Response call_query(const RequestContext& ctx, const std::string& body) const;
    http::Response health(const std::string& request_id) const;

    FrontOptions options_;
    std::vector<const JsonService*> services_;
    std::vector<const QueryService*> query_services_;
};

// (account, region, access key, signing service) for a request: region and service from the
// SigV4 credential scope (default_region when unsigned); an access key id of exactly 12
// digits names the account, a key account_for_key knows its account, any other key uses
// default_account.
RequestContext resolve_context(const http::Request& request, const FrontOptions& options);

}  // namespace berth::protocol
