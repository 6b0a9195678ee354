#pragma once
// RAII for libcurl handles, and the settings every Engine request shares.
#include <memory>
#include <string>

#include <curl/curl.h>

#include "berth/docker/host.hpp"

namespace berth::docker {

struct EasyDeleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct MultiDeleter {
    void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;

// curl_global_init, once per process, before the first handle.
void ensure_curl_initialized();

EasyHandle make_easy_handle();

// Points `h` at `path_and_query` on `host` (unix socket or tcp) with the options every request
// needs: no signals (we are multi-threaded), a connect timeout, no proxy from the environment.
void set_target(CURL* h, const Host& host, const std::string& path_and_query);

void append_header(Slist& list, const std::string& header);

}  // namespace berth::docker
