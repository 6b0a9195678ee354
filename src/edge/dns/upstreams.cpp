// Where forwarded questions go: the resolvers the engine would have given the containers.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <boost/asio/ip/address.hpp>

#include "berth/edge/dns.hpp"

namespace berth::edge {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool loopback(const DnsUpstream& u) {
    boost::system::error_code ec;
    auto a = boost::asio::ip::make_address(u.address, ec);
    return !ec && a.is_loopback();
}

std::vector<DnsUpstream> without_loopback(std::vector<DnsUpstream> servers) {
    std::erase_if(servers, loopback);
    return servers;
}

}  // namespace

std::optional<DnsUpstream> parse_dns_upstream(const std::string& text) {
    std::string address = text;
    std::optional<std::string> port;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string::npos) return std::nullopt;
        address = text.substr(1, close - 1);
        if (close + 1 < text.size()) {
            if (text[close + 1] != ':') return std::nullopt;
            port = text.substr(close + 2);
        }
    } else if (std::count(text.begin(), text.end(), ':') == 1) {  // IPv4:port
        address = text.substr(0, text.find(':'));
        port = text.substr(text.find(':') + 1);
    }
    boost::system::error_code ec;
    boost::asio::ip::make_address(address, ec);
    if (ec) return std::nullopt;
    DnsUpstream u{address, 53};
    if (port) {
        if (port->empty() || port->size() > 5 ||
            port->find_first_not_of("0123456789") != std::string::npos) {
            return std::nullopt;
        }
        const int p = std::stoi(*port);
        if (p < 1 || p > 65535) return std::nullopt;
        u.port = static_cast<unsigned short>(p);
    }
    return u;
}

std::vector<DnsUpstream> resolv_conf_nameservers(const std::string& text) {
    std::vector<DnsUpstream> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string key, value;
        if (!(words >> key >> value) || key != "nameserver") continue;
        // A zone index ("fe80::1%eth0") cannot be reached from the gateway either.
        if (value.find('%') != std::string::npos) continue;
        boost::system::error_code ec;
        boost::asio::ip::make_address(value, ec);
        if (!ec) out.push_back({value, 53});
    }
    return out;
}

std::vector<DnsUpstream> engine_dns_upstreams(const std::string& resolv_conf,
                                              const std::string& systemd_resolv_conf) {
    auto servers = resolv_conf_nameservers(read_file(resolv_conf));
    auto usable = without_loopback(servers);
    if (usable.empty() && !servers.empty()) {
        usable = without_loopback(resolv_conf_nameservers(read_file(systemd_resolv_conf)));
    }
    if (usable.empty()) usable = {{"8.8.8.8", 53}, {"8.8.4.4", 53}};
    return usable;
}

}  // namespace berth::edge
