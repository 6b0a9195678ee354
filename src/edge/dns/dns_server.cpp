// The public DnsServer: the transport (server.hpp) with Berth's answers.
#include "answers.hpp"
#include "berth/edge/dns.hpp"
#include "server.hpp"

namespace berth::edge {

struct DnsServer::Impl {
    explicit Impl(DnsServerOptions options)
        : server(options, answerer(options.names, options.service_connect)) {}

    // Service Connect's names first (an alias may lie inside a private namespace), then
    // Cloud Map's private namespaces.
    static dns::Answerer answerer(const model::ServiceDiscoveryStore* names,
                                  const model::ServiceConnectNames* service_connect) {
        if (!names && !service_connect) return {};
        return [names, service_connect, rng = std::mt19937(std::random_device{}())](
                   const dns::Message& query) mutable -> std::optional<dns::Message> {
            if (service_connect) {
                if (auto m = answer_service_connect(*service_connect, query, rng)) return m;
            }
            if (names) return answer_from(*names, query, rng);
            return std::nullopt;
        };
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
