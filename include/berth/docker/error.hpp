#pragma once
// The docker module's one error type. Every Client and EventStream failure is a DockerError
// whose kind says what went wrong in terms a caller can act on (retry, treat as gone, ...).
#include <stdexcept>
#include <string>
#include <string_view>

namespace berth::docker {

enum class ErrorKind {
    not_found,    // 404: no such container / image / network / volume
    conflict,     // 409: name in use, container running, ...
    unreachable,  // socket missing, connection refused or dropped: no engine answers
    timeout,      // the engine did not answer within the call's timeout
    other,        // anything else: bad request, engine-side failure, stream errors
};

std::string_view to_string(ErrorKind kind);

class DockerError : public std::runtime_error {
  public:
    // `http_status` is 0 when no HTTP response was received (unreachable, timeout).
    DockerError(ErrorKind kind, int http_status, const std::string& message)
        : std::runtime_error(message), kind_(kind), http_status_(http_status) {}

    ErrorKind kind() const { return kind_; }
    int http_status() const { return http_status_; }
    // The Engine's own message ("No such container: abc"), or a transport description.
    std::string message() const { return what(); }

    // True when repeating the same call later may succeed without any other change: the engine
    // was away or slow. Engine-side rejections (404, 409, 400, 500 runtime errors) are not.
    bool retryable() const {
        return kind_ == ErrorKind::unreachable || kind_ == ErrorKind::timeout;
    }

    bool is_not_found() const { return kind_ == ErrorKind::not_found; }

  private:
    ErrorKind kind_;
    int http_status_;
};

}  // namespace berth::docker
