#include "berth/app/app.hpp"

#include <utility>  // before asio's awaitable headers (GCC 12 with Boost 1.74)

#include <chrono>
#include <csignal>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <thread>

#include <unistd.h>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "berth/app/config.hpp"
#include "berth/app/listen_exposure.hpp"
#include "berth/app/wiring.hpp"
#include "berth/http/server.hpp"
#include "data_dir.hpp"

namespace berth::app {

namespace {

namespace asio = boost::asio;

void set_up_logging(spdlog::level::level_enum level) {
    // Logs go to stderr so that stdout stays free for --help and --version.
    // Not registered by name, so that main() can run more than once in a process (tests).
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("berth", std::move(sink)));
    spdlog::set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] %v");
    spdlog::set_level(level);
}

std::string display_address(const std::string& host, unsigned short port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// The server's handler: the task endpoints and the protocol front door, with a debug line per
// request when asked for.
http::Handler make_handler(const Services& services) {
    return [&services](http::Request&& request) {
        if (!spdlog::should_log(spdlog::level::debug)) {
            return services.handle(std::move(request));
        }
        auto started = std::chrono::steady_clock::now();
        std::string line = request.method + " " + request.target;
        if (const auto& target = request.header("x-amz-target"); !target.empty()) {
            line += " " + target;
        }
        auto response = services.handle(std::move(request));
        auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
        spdlog::debug("{} -> {} ({} us)", line, response.status, micros);
        return response;
    };
}

// Serves on the pool until SIGINT or SIGTERM. Signals are waited for on this thread, the
// server runs on its own; `then` runs once the server answers (the runtime's first calls to
// Docker then do not delay the first answer: handlers only record desired state).
void serve_until_signal(http::Server& server, const std::function<void()>& then) {
    asio::io_context control(1);
    asio::signal_set signals(control, SIGINT, SIGTERM);
    signals.async_wait([&server](const boost::system::error_code& ec, int signal) {
        if (!ec) {
            spdlog::info("berth stopping (signal {})", signal);
            server.stop();
        }
    });
    std::thread io([&] {
        server.run();
        control.stop();  // the server may also end on its own
    });
    try {
        then();
    } catch (...) {
        server.stop();
        io.join();
        throw;
    }
    control.run();
    io.join();
}

int serve(const Config& config) {
    prepare_data_dir(config.data_dir, ::geteuid());  // before anything is kept there
    auto started = std::chrono::steady_clock::now();
    Services services(config);
    spdlog::debug("services built in {} us", std::chrono::duration_cast<std::chrono::microseconds>(
                                                 std::chrono::steady_clock::now() - started)
                                                 .count());
    http::ServerOptions options;
    options.host = config.listen_host;
    options.port = config.listen_port;
    options.threads = config.threads;
    http::Server server(options, make_handler(services));
    spdlog::info("berth listening on {} (region {}, account {})",
                 display_address(config.listen_host, server.port()), config.region,
                 config.account_id);
    if (auto warning = listen_exposure_warning(config.listen_host)) spdlog::warn("{}", *warning);
    serve_until_signal(server, [&] { services.start(server.port()); });
    services.stop();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Config config;
    try {
        config = parse_config(argc, argv);
    } catch (const ConfigError& e) {
        std::cerr << "berth: " << e.what() << "\nTry 'berth --help' for the options.\n";
        return 2;
    }
    if (config.mode == Config::Mode::help) {
        std::cout << usage();
        return 0;
    }
    if (config.mode == Config::Mode::version) {
        std::cout << version_text() << "\n";
        return 0;
    }
    set_up_logging(config.log_level);
    try {
        return serve(config);
    } catch (const http::ListenError& e) {
        std::cerr << "berth: " << e.what() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "berth: " << e.what() << "\n";
    }
    return 1;
}

}  // namespace berth::app
