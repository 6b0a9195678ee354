#pragma once
// A stand-in for a FireLens router's input (fluent-bit's `forward` on unix_path): it listens on
// a unix socket on the host and decodes what Docker's fluentd log driver sends there, Fluent
// Forward protocol messages in msgpack ([tag, time, record] or [tag, time, record, option]).
// Debian has no fluent-bit; Berth bind-mounts the directory of this socket into the router, so
// the driver reaches it at the path the real router would listen on.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace berth::test {

// The length of the msgpack value at `p` (of `n` bytes), or 0 when it is not complete yet.
inline std::size_t msgpack_length(const std::uint8_t* p, std::size_t n) {
    if (n == 0) return 0;
    auto be = [&](std::size_t at, int bytes) -> std::size_t {
        if (at + static_cast<std::size_t>(bytes) > n) return SIZE_MAX;
        std::size_t v = 0;
        for (int i = 0; i < bytes; ++i) v = v << 8 | p[at + static_cast<std::size_t>(i)];
        return v;
    };
    auto items = [&](std::size_t head, std::size_t count) -> std::size_t {
        std::size_t at = head;
        for (std::size_t i = 0; i < count; ++i) {
            if (at >= n) return 0;
            auto len = msgpack_length(p + at, n - at);
            if (len == 0) return 0;
            at += len;
        }
        return at;
    };
    auto sized = [&](std::size_t head, std::size_t len) -> std::size_t {
        return len == SIZE_MAX || head + len > n ? 0 : head + len;
    };
    const std::uint8_t b = p[0];
    if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) return 1;
    if ((b & 0xf0) == 0x80) return items(1, (b & 0x0fu) * 2u);  // fixmap
    if ((b & 0xf0) == 0x90) return items(1, b & 0x0fu);         // fixarray
    if ((b & 0xe0) == 0xa0) return sized(1, b & 0x1fu);         // fixstr
    switch (b) {
        case 0xc4:
        case 0xd9:
            return sized(2, be(1, 1));  // bin8, str8
        case 0xc5:
        case 0xda:
            return sized(3, be(1, 2));
        case 0xc6:
        case 0xdb:
            return sized(5, be(1, 4));
        case 0xc7:
            return sized(3, be(1, 1));  // ext8: length, type, data
        case 0xc8:
            return sized(4, be(1, 2));
        case 0xc9:
            return sized(6, be(1, 4));
        case 0xca:
        case 0xce:
        case 0xd2:
            return sized(0, 5);
        case 0xcb:
        case 0xcf:
        case 0xd3:
            return sized(0, 9);
        case 0xcc:
        case 0xd0:
            return sized(0, 2);
        case 0xcd:
        case 0xd1:
            return sized(0, 3);
        case 0xd4:
            return sized(0, 3);  // fixext1..16: type and data
        case 0xd5:
            return sized(0, 4);
        case 0xd6:
            return sized(0, 6);
        case 0xd7:
            return sized(0, 10);
        case 0xd8:
            return sized(0, 18);
        case 0xdc: {
            auto c = be(1, 2);
            return c == SIZE_MAX ? 0 : items(3, c);
        }
        case 0xdd: {
            auto c = be(1, 4);
            return c == SIZE_MAX ? 0 : items(5, c);
        }
        case 0xde: {
            auto c = be(1, 2);
            return c == SIZE_MAX ? 0 : items(3, c * 2);
        }
        case 0xdf: {
            auto c = be(1, 4);
            return c == SIZE_MAX ? 0 : items(5, c * 2);
        }
        default:
            return 0;
    }
}

struct ForwardRecord {
    std::string tag;
    nlohmann::json record;  // {"log": ..., "source": "stdout", "container_name": ...}
};

class ForwardReceiver {
  public:
    // Listens at `socket_path` once its directory exists (Berth makes it when it creates the
    // task's containers).
    explicit ForwardReceiver(std::string socket_path)
        : path_(std::move(socket_path)), thread_([this] { run(); }) {}
    ~ForwardReceiver() {
        stop_ = true;
        thread_.join();
    }

    std::vector<ForwardRecord> records() const {
        std::lock_guard lock(mutex_);
        return records_;
    }
    bool listening() const { return listening_; }

  private:
    struct Peer {
        int fd;
        std::vector<std::uint8_t> buffer;
    };

    int listen_when_possible() {
        while (!stop_ && !std::filesystem::exists(std::filesystem::path(path_).parent_path())) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path_.c_str(), sizeof addr.sun_path - 1);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(fd, 8) != 0) {
            ::close(fd);
            return -1;
        }
        listening_ = true;
        return fd;
    }

    void decode(Peer& peer) {
        std::size_t at = 0;
        while (at < peer.buffer.size()) {
            auto len = msgpack_length(peer.buffer.data() + at, peer.buffer.size() - at);
            if (len == 0) break;
            auto message = nlohmann::json::from_msgpack(peer.buffer.begin() + at,
                                                        peer.buffer.begin() + at + len);
            at += len;
            if (!message.is_array() || message.size() < 3 || !message[0].is_string()) continue;
            std::lock_guard lock(mutex_);
            records_.push_back({message[0].get<std::string>(), message[2]});
        }
        peer.buffer.erase(peer.buffer.begin(), peer.buffer.begin() + at);
    }

    void run() {
        const int listener = listen_when_possible();
        if (listener < 0) return;
        std::vector<Peer> peers;
        while (!stop_) {
            std::vector<pollfd> fds{{listener, POLLIN, 0}};
            for (const auto& p : peers) fds.push_back({p.fd, POLLIN, 0});
            if (::poll(fds.data(), fds.size(), 20) <= 0) continue;
            if (fds[0].revents & POLLIN)
                peers.push_back({::accept(listener, nullptr, nullptr), {}});
            for (std::size_t i = 1; i < fds.size(); ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                auto& peer = peers[i - 1];
                std::uint8_t chunk[4096];
                auto got = ::recv(peer.fd, chunk, sizeof chunk, 0);
                if (got <= 0) {  // the driver closed: its logger stopped
                    ::close(peer.fd);
                    peer.fd = -1;
                    continue;
                }
                peer.buffer.insert(peer.buffer.end(), chunk, chunk + got);
                decode(peer);
            }
            std::erase_if(peers, [](const Peer& p) { return p.fd < 0; });
        }
        for (const auto& p : peers) ::close(p.fd);
        ::close(listener);
        ::unlink(path_.c_str());
    }

    std::string path_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> listening_{false};
    mutable std::mutex mutex_;
    std::vector<ForwardRecord> records_;
    std::thread thread_;
};

}  // namespace berth::test
