#pragma once
// A minimal HTTP/1.1 server on 127.0.0.1 for tests that need something on the network for the
// engine to talk to, such as a registry that answers the way a test needs:
//
//   berth::test::TinyHttpServer registry([](const auto& method, const auto& path) {
//       if (path == "/v2/") return berth::test::HttpReply{200};
//       return berth::test::HttpReply{404};
//   });
//   client.image_pull("127.0.0.1:" + std::to_string(registry.port()) + "/app:v1");
//
// One connection at a time, "Connection: close" after every reply, request bodies ignored.
// Anything that is not HTTP (the engine first tries TLS) is dropped. Header-only.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace berth::test {

struct HttpReply {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers{};
    std::string body{};
};

class TinyHttpServer {
  public:
    using Handler = std::function<HttpReply(const std::string& method, const std::string& path)>;

    explicit TinyHttpServer(Handler handler) : handler_(std::move(handler)) {
        if (::pipe2(wake_, O_CLOEXEC) != 0) throw_errno("pipe2");
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (listen_fd_ < 0) throw_errno("socket");
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(listen_fd_, 16) != 0 ||
            ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            throw_errno("bind/listen 127.0.0.1");
        }
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }

    ~TinyHttpServer() {
        [[maybe_unused]] auto n = ::write(wake_[1], "x", 1);
        thread_.join();
        ::close(listen_fd_);
        ::close(wake_[0]);
        ::close(wake_[1]);
    }
    TinyHttpServer(const TinyHttpServer&) = delete;
    TinyHttpServer& operator=(const TinyHttpServer&) = delete;

    int port() const { return port_; }

    // "GET /v2/" lines, in arrival order.
    std::vector<std::string> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

  private:
    [[noreturn]] static void throw_errno(const std::string& what) {
        throw std::system_error(errno, std::generic_category(), what);
    }

    static std::string reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 404:
                return "Not Found";
            default:
                return "Status";
        }
    }

    // Waits for a client's bytes; false on timeout, on stop, or on error.
    bool readable(int fd) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        if (::poll(fds, 2, 5'000) <= 0) return false;
        return !fds[1].revents && fds[0].revents;
    }

    void serve() {
        while (true) {
            pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0 && errno != EINTR) return;
            if (fds[1].revents) return;
            if (!(fds[0].revents & POLLIN)) continue;
            const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            handle(fd);
            ::close(fd);
        }
    }

    void handle(int fd) {
        std::string head;
        char buffer[4096];
        while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
            if (!readable(fd)) return;
            const auto n = ::read(fd, buffer, sizeof buffer);
            if (n <= 0) return;
            head.append(buffer, static_cast<size_t>(n));
            // A TLS hello (the engine tries https first): drop it now, not after a timeout.
            if (head[0] < 'A' || head[0] > 'Z') return;
        }
        const auto sp1 = head.find(' ');
        const auto sp2 = head.find(' ', sp1 + 1);
        if (sp1 == std::string::npos || sp2 == std::string::npos) return;
        const auto method = head.substr(0, sp1);
        const auto path = head.substr(sp1 + 1, sp2 - sp1 - 1);
        {
            std::lock_guard lock(mutex_);
            requests_.push_back(method + " " + path);
        }
        const auto reply = handler_(method, path);
        std::string out =
            "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) +
            "\r\nConnection: close\r\nContent-Length: " + std::to_string(reply.body.size()) +
            "\r\n";
        for (const auto& [name, value] : reply.headers) out += name + ": " + value + "\r\n";
        out += "\r\n";
        if (method != "HEAD") out += reply.body;
        for (size_t done = 0; done < out.size();) {
            const auto w = ::send(fd, out.data() + done, out.size() - done, MSG_NOSIGNAL);
            if (w <= 0) return;
            done += static_cast<size_t>(w);
        }
    }

    Handler handler_;
    int listen_fd_ = -1;
    int wake_[2] = {-1, -1};
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;
};

}  // namespace berth::test
