#pragma once
// A unix-socket forwarder in front of the real engine, so a test can make "the engine" vanish
// and come back without touching the engine itself:
//
//   berth::test::SocketProxy proxy("/var/run/docker.sock");
//   proxy.start();
//   docker::Client client(proxy.host());   // talks to the real engine through the proxy
//   proxy.stop();                          // connections drop, the socket path disappears
//   proxy.start();                         // the engine is back
//
// Bytes are copied unchanged in both directions; nothing about Docker is faked. Header-only
// (tests/CMakeLists.txt compiles only *_test.cpp files).
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "integration/support/docker_env.hpp"

namespace berth::test {

class SocketProxy {
  public:
    explicit SocketProxy(std::string target_path = "/var/run/docker.sock")
        : target_path_(std::move(target_path)),
          listen_path_("/tmp/berth-it-proxy-" + run_id() + "-" + std::to_string(++count()) +
                       ".sock") {}
    ~SocketProxy() { stop(); }
    SocketProxy(const SocketProxy&) = delete;
    SocketProxy& operator=(const SocketProxy&) = delete;

    std::string host() const { return "unix://" + listen_path_; }
    const std::string& path() const { return listen_path_; }

    void start() {
        if (running_) return;
        if (::pipe2(wake_, O_CLOEXEC) != 0) throw_errno("pipe2");
        listen_fd_ = open_unix_socket();
        sockaddr_un addr = address(listen_path_);
        ::unlink(listen_path_.c_str());
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(listen_fd_, 64) != 0) {
            throw_errno("bind/listen " + listen_path_);
        }
        running_ = true;
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    // Drops every forwarded connection and removes the socket: clients see the engine vanish.
    void stop() {
        if (!running_) return;
        running_ = false;
        // Never drained, so every poll below wakes and stays woken.
        [[maybe_unused]] auto n = ::write(wake_[1], "x", 1);
        acceptor_.join();
        std::vector<std::thread> pumps;
        {
            std::lock_guard lock(mutex_);
            pumps.swap(pumps_);
        }
        for (auto& t : pumps) t.join();
        ::close(listen_fd_);
        ::unlink(listen_path_.c_str());
        ::close(wake_[0]);
        ::close(wake_[1]);
    }

  private:
    static int& count() {
        static int n = 0;
        return n;
    }

    [[noreturn]] static void throw_errno(const std::string& what) {
        throw std::system_error(errno, std::generic_category(), what);
    }

    static sockaddr_un address(const std::string& path) {
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        return addr;
    }

    static int open_unix_socket() {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw_errno("socket");
        return fd;
    }

    void accept_loop() {
        while (true) {
            pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
            if (fds[1].revents) return;
            if (!(fds[0].revents & POLLIN)) continue;
            const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) continue;
            std::lock_guard lock(mutex_);
            pumps_.emplace_back([this, client] { pump(client); });
        }
    }

    static bool copy(int from, int to) {
        char buffer[16384];
        const auto n = ::read(from, buffer, sizeof buffer);
        if (n <= 0) return false;
        for (ssize_t done = 0; done < n;) {
            const auto w = ::send(to, buffer + done, static_cast<size_t>(n - done), MSG_NOSIGNAL);
            if (w <= 0) return false;
            done += w;
        }
        return true;
    }

    void pump(int client) {
        const int upstream = open_unix_socket();
        sockaddr_un addr = address(target_path_);
        if (::connect(upstream, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
            while (true) {
                pollfd fds[3] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}, {wake_[0], POLLIN, 0}};
                if (::poll(fds, 3, -1) < 0 && errno != EINTR) break;
                if (fds[2].revents) break;
                if (fds[0].revents && !copy(client, upstream)) break;
                if (fds[1].revents && !copy(upstream, client)) break;
            }
        }
        ::close(upstream);
        ::close(client);
    }

    std::string target_path_;
    std::string listen_path_;
    std::atomic<bool> running_{false};
    int listen_fd_ = -1;
    int wake_[2] = {-1, -1};
    std::thread acceptor_;
    std::mutex mutex_;
    std::vector<std::thread> pumps_;
};

}  // namespace berth::test
