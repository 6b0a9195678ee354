#pragma once
// Forwards a query Berth does not answer to the upstream resolvers, one after the other,
// each with a timeout. The query goes out under a fresh random id from a fresh socket (so
// answers cannot be forged by guessing either), the answer must carry that id and the same
// question, and it comes back to the asker under the asker's own id.
#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include "berth/edge/dns.hpp"

namespace berth::edge::dns {

class Forwarder {
  public:
    Forwarder(std::vector<DnsUpstream> upstreams, std::chrono::milliseconds timeout)
        : upstreams_(std::move(upstreams)), timeout_(timeout) {}

    // The upstream's answer to `query` (wire bytes, its id the asker's), over TCP when the
    // asker used TCP; nullopt when no upstream answered in time.
    boost::asio::awaitable<std::optional<std::vector<std::uint8_t>>> forward(
        std::vector<std::uint8_t> query, bool tcp) const;

  private:
    std::vector<DnsUpstream> upstreams_;
    std::chrono::milliseconds timeout_;
};

// True when `answer` is a response to `query`: same id, QR set, the same question bytes.
bool answers(std::span<const std::uint8_t> query, std::span<const std::uint8_t> answer);

}  // namespace berth::edge::dns
