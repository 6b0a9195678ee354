#pragma once
// The ports the load balancers' listeners are bound to, kept in step with the listeners: sync()
// opens what is new and closes what has gone. A port that cannot be bound (taken, or below
// 1024 without privileges) is logged once and tried again at each sync.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <boost/asio/io_context.hpp>

#include "asio_types.hpp"

namespace berth::edge::lb {

// Called on the new connection's own strand with the port it came in on.
using AcceptHandler = std::function<void(Socket, unsigned short port)>;

class Acceptors {
  public:
    Acceptors(asio::io_context& ioc, std::string host, AcceptHandler on_accept);
    ~Acceptors();
    Acceptors(const Acceptors&) = delete;
    Acceptors& operator=(const Acceptors&) = delete;

    void sync(const std::set<unsigned short>& ports);
    // The ports bound now.
    std::set<unsigned short> bound() const;
    // Closes every port at once; only while no thread runs the io_context (at stop).
    void close_all();

    struct Port;  // one bound port (its acceptor, on a strand of its own)

  private:
    void open(unsigned short port);

    asio::io_context& ioc_;
    std::string host_;
    AcceptHandler on_accept_;
    mutable std::mutex mutex_;
    std::map<unsigned short, std::shared_ptr<Port>> ports_;
    std::set<unsigned short> warned_;
};

}  // namespace berth::edge::lb
