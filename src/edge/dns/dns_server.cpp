// The public DnsServer: the transport (server.hpp) with Berth's answers.
#include "answers.hpp"
#include "berth/edge/dns.hpp"
#include "server.hpp"

namespace berth::edge {

struct DnsServer::Impl {
    explicit Impl(DnsServerOptions options) : server(options, answerer(options.names)) {}

    static dns::Answerer answerer(const model::ServiceDiscoveryStore* names) {
        if (!names) return {};
        return [names, rng = std::mt19937(std::random_device{}())](
                   const dns::Message& query) mutable { return answer_from(*names, query, rng); };
    }

    dns::Server server;
};

DnsServer::DnsServer(DnsServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

DnsServer::~DnsServer() = default;

unsigned short DnsServer::port() const {
    return impl_->server.port();
}

void DnsServer::run() {
    impl_->server.run();
}

void DnsServer::stop() {
    impl_->server.stop();
}

}  // namespace berth::edge
