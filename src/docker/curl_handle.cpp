#include "docker/curl_handle.hpp"

#include <mutex>
#include <stdexcept>

namespace berth::docker {
namespace {

// A missing socket fails at once; a listening but wedged engine should not hold a call forever.
constexpr long k_connect_timeout_ms = 5'000;

}  // namespace

void ensure_curl_initialized() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("curl_global_init failed");
        }
    });
}

EasyHandle make_easy_handle() {
    ensure_curl_initialized();
    EasyHandle h(curl_easy_init());
    if (!h) throw std::runtime_error("curl_easy_init failed");
    return h;
}

void set_target(CURL* h, const Host& host, const std::string& path_and_query) {
    const auto url = host.base_url + path_and_query;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    if (host.is_unix()) curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, host.socket_path.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, k_connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
}

void append_header(Slist& list, const std::string& header) {
    auto* next = curl_slist_append(list.get(), header.c_str());
    if (!next) throw std::bad_alloc();
    (void)list.release();
    list.reset(next);
}

}  // namespace berth::docker
