#include "docker/transport.hpp"

#include <exception>

#include "berth/docker/error.hpp"

namespace berth::docker {
namespace {

// Idle handles kept for reuse; more concurrent calls than this just open more connections.
constexpr std::size_t k_pool_size = 8;

struct Transfer {
    CURL* handle = nullptr;
    const Request* request = nullptr;
    Response* response = nullptr;
    std::exception_ptr error;
};

bool success_status(CURL* h) {
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    return status >= 200 && status < 300;
}

size_t on_write(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::string_view chunk(data, size * count);
    if (!t.request->on_data || !success_status(t.handle)) {
        t.response->body.append(chunk);
        return chunk.size();
    }
    try {
        t.request->on_data(chunk);
    } catch (...) {
        t.error = std::current_exception();
        return 0;  // anything but the chunk size aborts the transfer
    }
    return chunk.size();
}

DockerError transport_error(CURLcode code, const char* detail, const Host& host,
                            const Request& request) {
    const std::string what = detail[0] ? detail : curl_easy_strerror(code);
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return DockerError(ErrorKind::timeout, 0,
                               "Docker engine at " + host.original + " did not answer " +
                                   request.method + " " + request.target + " within " +
                                   std::to_string(request.timeout.count()) + " ms");
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
            return DockerError(
                ErrorKind::unreachable, 0,
                "Cannot connect to the Docker engine at " + host.original + ": " + what);
        default:
            return DockerError(
                ErrorKind::other, 0,
                "Docker request " + request.method + " " + request.target + " failed: " + what);
    }
}

void set_method(CURL* h, const Request& request) {
    if (request.method == "GET") {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        return;
    }
    if (request.method == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
        return;
    }
    if (request.method != "POST")
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "POST" || !request.body.empty()) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
}

}  // namespace

Response Transport::perform(const Request& request) {
    auto handle = acquire();
    CURL* h = handle.get();
    Response response;
    Transfer transfer{h, &request, &response, nullptr};
    char error_buffer[CURL_ERROR_SIZE] = {};

    set_target(h, host_, request.target);
    set_method(h, request);
    Slist headers;
    // No "Expect: 100-continue" round trip for large bodies (image imports).
    append_header(headers, "Expect:");
    if (!request.body.empty()) append_header(headers, "Content-Type: " + request.content_type);
    for (const auto& header : request.headers) append_header(headers, header);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);

    const CURLcode code = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    const char* content_type = nullptr;
    curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &content_type);
    if (content_type) response.content_type = content_type;
    release(std::move(handle));

    if (transfer.error) std::rethrow_exception(transfer.error);
    if (code != CURLE_OK) throw transport_error(code, error_buffer, host_, request);
    return response;
}

EasyHandle Transport::acquire() {
    {
        std::lock_guard lock(pool_mutex_);
        if (!pool_.empty()) {
            auto h = std::move(pool_.back());
            pool_.pop_back();
            return h;
        }
    }
    return make_easy_handle();
}

void Transport::release(EasyHandle h) {
    // reset() clears options but keeps the handle's live connection for the next call.
    curl_easy_reset(h.get());
    std::lock_guard lock(pool_mutex_);
    if (pool_.size() < k_pool_size) pool_.push_back(std::move(h));
}

}  // namespace berth::docker
