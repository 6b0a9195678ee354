#include "berth/protocol/front.hpp"

#include <utility>

#include <spdlog/spdlog.h>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include "berth/http/sigv4.hpp"
#include "berth/protocol/aws_error.hpp"
#include "protocol/query_xml.hpp"

namespace berth::protocol {
namespace {

using nlohmann::json;

constexpr const char* k_json_1_1 = "application/x-amz-json-1.1";

std::string new_request_id() {
    // One generator per thread: seeded once from the OS, then no locking and no syscalls.
    thread_local boost::uuids::random_generator_mt19937 generator;
    return boost::uuids::to_string(generator());
}

std::string dump(const json& value) {
    // `replace` so that a stray invalid UTF-8 byte (e.g. from container output) cannot turn
    // a good answer into an exception.
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

http::Response json_response(int status, std::string body, const std::string& request_id) {
    http::Response response;
    response.status = status;
    response.content_type = k_json_1_1;
    response.headers.emplace("x-amzn-RequestId", request_id);
    response.body = std::move(body);
    return response;
}

// The AWS JSON error envelope. botocore reads `__type` (and `message`); the JS SDK v3 reads
// the x-amzn-ErrorType header first, then `__type`; both map the bare name to the modeled
// exception class (e.g. ClusterNotFoundException).
http::Response error_response(const AwsError& error, const std::string& request_id) {
    auto response =
        json_response(error.http_status(),
                      dump(json{{"__type", error.type()}, {"message", error.what()}}), request_id);
    response.headers.emplace("x-amzn-ErrorType", error.type());
    return response;
}

// The query protocol: a form POST that names no X-Amz-Target.
bool is_query_request(const http::Request& request) {
    return request.header("x-amz-target").empty() &&
           std::string_view(request.header("content-type"))
               .starts_with("application/x-www-form-urlencoded");
}

http::Response xml_response(int status, std::string body, const std::string& request_id) {
    http::Response response;
    response.status = status;
    response.content_type = "text/xml";
    response.headers.emplace("x-amzn-RequestId", request_id);
    response.body = std::move(body);
    return response;
}

bool is_health_path(const std::string& target) {
    const auto path = std::string_view(target).substr(0, target.find('?'));
    return path == "/" || path == "/health";
}

bool is_account_id(const std::string& s) {
    if (s.size() != 12) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// Region names are lower-case letters, digits and dashes; anything else in a credential scope
// would end up inside ARNs, so it is ignored in favour of the default.
bool is_region_name(const std::string& s) {
    if (s.empty() || s.size() > 32) return false;
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
}

}  // namespace

RequestContext resolve_context(const http::Request& request, const FrontOptions& options) {
    RequestContext ctx{options.default_account, options.default_region, {}, {}, {}};
    const auto& authorization = request.header("authorization");
    if (authorization.empty()) return ctx;
    auto scope = http::parse_sigv4_authorization(authorization);
    if (!scope) return ctx;
    if (is_region_name(scope->region)) ctx.region = std::move(scope->region);
    ctx.access_key = std::move(scope->access_key);
    ctx.signing_service = std::move(scope->service);
    if (is_account_id(ctx.access_key)) {
        ctx.account = ctx.access_key;
    } else if (options.account_for_key) {
        if (auto account = options.account_for_key(ctx.access_key)) ctx.account = *account;
    }
    return ctx;
}

Front::Front(FrontOptions options) : options_(std::move(options)) {}

void Front::add_service(const JsonService& service) {
    services_.push_back(&service);
}

void Front::add_service(const QueryService& service) {
    query_services_.push_back(&service);
}

http::Response Front::handle(http::Request&& request) const {
    auto ctx = resolve_context(request, options_);
    ctx.request_id = new_request_id();

    if (request.method == "GET" && is_health_path(request.target)) return health(ctx.request_id);
    if (request.method == "POST" && is_query_request(request)) return call_query(ctx, request.body);

    // What cannot be routed. AWS's own edge answers an unsigned request with
    // MissingAuthenticationTokenException before it looks at the target; Berth checks no
    // signatures, so the first thing it can say is that no operation was named.
    if (request.method != "POST") {
        return error_response(AwsError("UnknownOperationException",
                                       "Berth serves AWS JSON operations with POST; got " +
                                           request.method + " " + request.target + ".",
                                       404),
                              ctx.request_id);
    }
    const auto& target = request.header("x-amz-target");
    const auto dot = target.rfind('.');
    if (target.empty() || dot == std::string::npos) {
        return error_response(AwsError("UnknownOperationException",
                                       target.empty() ? "Missing X-Amz-Target header."
                                                      : "Malformed X-Amz-Target '" + target + "'."),
                              ctx.request_id);
    }
    const std::string_view prefix = std::string_view(target).substr(0, dot);
    const JsonService* service = nullptr;
    for (const auto* s : services_) {
        if (s->model().target_prefix() == prefix) service = s;
    }
    if (!service) {
        return error_response(AwsError("UnknownOperationException",
                                       "No service answers X-Amz-Target '" + target + "'."),
                              ctx.request_id);
    }
    return call(*service, target.substr(dot + 1), ctx, request.body);
}

http::Response Front::call(const JsonService& service, const std::string& operation,
                           const RequestContext& ctx, const std::string& body) const {
    try {
        return json_response(200, dump(service.invoke(operation, ctx, body)), ctx.request_id);
    } catch (const AwsError& e) {
        if (e.http_status() >= 500) {
            spdlog::error("{} {} failed: {}: {}", service.model().service_id(), operation, e.type(),
                          e.what());
        }
        return error_response(e, ctx.request_id);
    } catch (const std::exception& e) {
        spdlog::error("{} {} (request {}) threw: {}", service.model().service_id(), operation,
                      ctx.request_id, e.what());
        return error_response(errors::server(std::string("Internal error: ") + e.what()),
                              ctx.request_id);
    } catch (...) {
        spdlog::error("{} {} (request {}) threw a non-standard exception",
                      service.model().service_id(), operation, ctx.request_id);
        return error_response(errors::server("Internal error."), ctx.request_id);
    }
}

http::Response Front::call_query(const RequestContext& ctx, const std::string& body) const {
    const QueryService* service = nullptr;
    for (const auto* s : query_services_) {
        if (s->model().endpoint_prefix() == ctx.signing_service) service = s;
    }
    const std::string_view ns = service ? service->model().xml_namespace() : std::string_view{};
    const std::string_view name = service ? service->model().service_id() : std::string_view{};
    try {
        if (!service) {
            throw AwsError("InvalidAction",
                           ctx.signing_service.empty()
                               ? "Query requests must be signed (SigV4) for the service they call."
                               : "No service answers query requests signed for '" +
                                     ctx.signing_service + "'.");
        }
        return xml_response(200, service->invoke(ctx, body), ctx.request_id);
    } catch (const AwsError& e) {
        if (e.http_status() >= 500) spdlog::error("{} failed: {}: {}", name, e.type(), e.what());
        return xml_response(e.http_status(), query_error_xml(e, ns, ctx.request_id),
                            ctx.request_id);
    } catch (const std::exception& e) {
        spdlog::error("{} (request {}) threw: {}", name, ctx.request_id, e.what());
        const auto error = errors::server(std::string("Internal error: ") + e.what());
        return xml_response(500, query_error_xml(error, ns, ctx.request_id), ctx.request_id);
    } catch (...) {
        spdlog::error("{} (request {}) threw a non-standard exception", name, ctx.request_id);
        return xml_response(500,
                            query_error_xml(errors::server("Internal error."), ns, ctx.request_id),
                            ctx.request_id);
    }
}

http::Response Front::health(const std::string& request_id) const {
    json services = json::object();
    for (const auto* s : services_) services[std::string(s->model().endpoint_prefix())] = "running";
    for (const auto* s : query_services_) {
        services[std::string(s->model().endpoint_prefix())] = "running";
    }
    auto response =
        json_response(200, dump(json{{"status", "running"}, {"services", services}}), request_id);
    response.content_type = "application/json";
    return response;
}

}  // namespace berth::protocol
