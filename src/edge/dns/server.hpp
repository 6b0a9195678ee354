#pragma once
// The DNS server's transport: one UDP socket and one TCP listener on an address, on an
// io_context of its own. Each query is parsed, refused when malformed or unsupported, answered
// by the Answerer when it can, and otherwise forwarded upstream (forwarder.hpp).
#include <functional>
#include <memory>
#include <optional>

#include "berth/edge/dns.hpp"
#include "message.hpp"

namespace berth::edge::dns {

// The answer to a well-formed standard query of one question, or nullopt to forward it.
using Answerer = std::function<std::optional<Message>(const Message& query)>;

// The answer to `bytes` the server can give without forwarding: an error for what it refuses
// (FORMERR, NOTIMP, BADVERS), the Answerer's answer, nullopt to forward. `drop` is set for
// what gets no answer at all (a response, a header too short to carry an id).
struct Handled {
    std::optional<std::vector<std::uint8_t>> answer;
    bool drop = false;
};
Handled handle_query(std::span<const std::uint8_t> bytes, bool tcp, const Answerer& answerer);

// An answer to `query` with no records: its id, question and RD, the given RCODE, an OPT
// record when the query had one.
Message reply_to(const Message& query, Rcode rcode);

class Server {
  public:
    Server(DnsServerOptions options, Answerer answerer);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    unsigned short port() const;
    void run();
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace berth::edge::dns
