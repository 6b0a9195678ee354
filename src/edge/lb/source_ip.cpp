#include "source_ip.hpp"

#include <string>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

namespace berth::edge::lb {

namespace ip = boost::asio::ip;

bool cidr_contains(std::string_view cidr, std::string_view address) {
    boost::system::error_code ec;
    auto addr = ip::make_address(std::string(address), ec);
    if (ec) return false;
    if (addr.is_v6() && addr.to_v6().is_v4_mapped()) {
        addr = ip::make_address_v4(ip::v4_mapped, addr.to_v6());
    }
    std::string block(cidr);
    if (block.find('/') == std::string::npos) block += addr.is_v4() ? "/32" : "/128";
    if (addr.is_v4()) {
        auto net = ip::make_network_v4(block, ec);
        if (ec) return false;
        return ip::make_network_v4(addr.to_v4(), net.prefix_length()).canonical() ==
               net.canonical();
    }
    auto net = ip::make_network_v6(block, ec);
    if (ec) return false;
    return ip::make_network_v6(addr.to_v6(), net.prefix_length()).canonical() == net.canonical();
}

}  // namespace berth::edge::lb
