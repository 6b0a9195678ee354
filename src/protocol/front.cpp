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
constexpr std::size_t k_kept_dump_buffer = 64 * 1024;

std::string new_request_id() {
    // One generator per thread: seeded once from the OS, then no locking and no syscalls.
    thread_local boost::uuids::random_generator_mt19937 generator;
    return boost::uuids::to_string(generator());
}

std::string dump(const json& value) {
    // The text is written into a buffer each thread keeps, then copied out at its size: one
    // allocation per answer instead of the string doubling its way up to a few KiB (each
    // doubling past 1 KiB made glibc consolidate its fast bins; issue 8's profile).
    thread_local std::string buffer;
    buffer.clear();
    // `replace` so that a stray invalid UTF-8 byte (e.g. from container output) cannot turn
    // a good answer into an exception. nlohmann's serializer and output adapter are in its
    // `detail` namespace, not its public API: checked against 3.11.2 (Debian 12's); the unit
    // tests (front_test.cpp) cover invalid UTF-8 and the buffer after a huge answer.
    nlohmann::detail::serializer<json> serializer(
        nlohmann::detail::output_adapter<char, std::string>(buffer), ' ',
        json::error_handler_t::replace);
    serializer.dump(value, false, false, 0);
    std::string text = buffer;
    if (buffer.capacity() > k_kept_dump_buffer) buffer = std::string();  // a rare huge answer
    return text;
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

// The SigV4 scope's service ("sts"), which names the query service a form is for.
std::string scope_service(const http::Request& request) {
    auto scope = http::parse_sigv4_authorization(request.header("authorization"));
    return scope ? scope->service : std::string();
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
    RequestContext ctx{options.default_account, options.default_region, {}, {}};
    const auto& authorization = request.header("authorization");
    if (authorization.empty()) return ctx;
    auto scope = http::parse_sigv4_authorization(authorization);
    if (!scope) return ctx;
    if (is_region_name(scope->region)) ctx.region = std::move(scope->region);
    ctx.access_key = std::move(scope->access_key);
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
    if (request.method == "POST" && is_query_request(request)) {
        return call_query(scope_service(request), ctx, request.body);
    }

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

namespace {

// Runs `answer`; whatever it throws becomes an AwsError handed to `answer_error` (a 500
// ServerException for anything that is not one), logged when it is the server's fault.
// `what()` names the call in the log ("ECS CreateCluster"); a function, so that the name is
// only built when there is something to log, not on every request.
template <class What, class Answer, class AnswerError>
http::Response guarded(What&& what, const std::string& request_id, Answer&& answer,
                       AnswerError&& answer_error) {
    try {
        return answer();
    } catch (const AwsError& e) {
        if (e.http_status() >= 500) spdlog::error("{} failed: {}: {}", what(), e.type(), e.what());
        return answer_error(e);
    } catch (const std::exception& e) {
        spdlog::error("{} (request {}) threw: {}", what(), request_id, e.what());
        return answer_error(errors::server(std::string("Internal error: ") + e.what()));
    } catch (...) {
        spdlog::error("{} (request {}) threw a non-standard exception", what(), request_id);
        return answer_error(errors::server("Internal error."));
    }
}

}  // namespace

http::Response Front::call(const JsonService& service, const std::string& operation,
                           const RequestContext& ctx, const std::string& body) const {
    return guarded(
        [&] { return std::string(service.model().service_id()) + " " + operation; }, ctx.request_id,
        [&] {
            return json_response(200, dump(service.invoke(operation, ctx, body)), ctx.request_id);
        },
        [&](const AwsError& e) { return error_response(e, ctx.request_id); });
}

http::Response Front::call_query(const std::string& signing_service, const RequestContext& ctx,
                                 const std::string& body) const {
    const QueryService* service = nullptr;
    for (const auto* s : query_services_) {
        if (s->model().endpoint_prefix() == signing_service) service = s;
    }
    const std::string_view ns = service ? service->model().xml_namespace() : std::string_view{};
    return guarded(
        [&] { return service ? std::string(service->model().service_id()) : "query request"; },
        ctx.request_id,
        [&] {
            if (!service) {
                throw AwsError("InvalidAction",
                               signing_service.empty()
                                   ? "Query requests must be signed (SigV4) for the service "
                                     "they call."
                                   : "No service answers query requests signed for '" +
                                         signing_service + "'.");
            }
            return xml_response(200, service->invoke(ctx, body), ctx.request_id);
        },
        [&](const AwsError& e) {
            return xml_response(e.http_status(), query_error_xml(e, ns, ctx.request_id),
                                ctx.request_id);
        });
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
