#pragma once
// One Docker engine the runtime drives: its client, what `docker info` said about it, and
// whether it answers right now. The event stream and the start path keep `reachable` current.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "berth/docker/client.hpp"

namespace berth::runtime {

// What the container instance records of an engine are built from.
struct EngineFacts {
    std::string host;
    bool reachable = false;
    bool known = false;  // the fields below came from the engine at least once
    int ncpu = 0;
    std::int64_t mem_total = 0;  // bytes
    std::string server_version;  // "20.10.24+dfsg1"
    std::string api_version;     // negotiated, "1.41"
    std::string architecture;    // "x86_64" | "aarch64"
    std::string os_type;         // "linux"
    // The GPUs it registers: the ids --gpus gives it, when its `docker info` lists the nvidia
    // runtime (Docker cannot list GPUs; ECS's agent reads them from NVIDIA's driver).
    std::vector<std::string> gpu_ids;
    // The letter of its availability zone, <region><zone> in every region: --zone's, else
    // by its place among the --docker-host engines (see default_zone).
    char zone = 'a';
};

// The zone of the engine at `position` when --zone names none: a, b, ... f, then again from a
// (six zones, as the largest regions have), so that each engine is an instance of its own zone.
inline char default_zone(std::size_t position) {
    return static_cast<char>('a' + position % 6);
}

class Engine {
  public:
    // Throws docker::DockerError for an address the client cannot speak to.
    // `gpu_ids`: the GPUs --gpus names for it.
    explicit Engine(const std::string& host, std::vector<std::string> gpu_ids = {},
                    char zone = 'a');

    docker::Client& client() { return client_; }
    const std::string& host() const { return host_; }

    EngineFacts facts() const;
    bool reachable() const { return reachable_; }
    void set_reachable(bool reachable);

    // Negotiates and reads `docker info`; false (and unreachable) when the engine does not answer.
    bool refresh();

    // Serialises the one-time set-up of shared things (the awsvpc network, the pause image), and
    // remembers it was done until the engine goes away.
    std::mutex& setup_mutex() { return setup_mutex_; }
    bool network_ready = false;  // guarded by setup_mutex()
    bool pause_ready = false;    // guarded by setup_mutex()
    // Whether the log said once that a Fargate size was lowered to this engine's capacity.
    std::atomic<bool> clamp_logged{false};

  private:
    std::string host_;
    docker::Client client_;
    std::atomic<bool> reachable_{false};
    mutable std::mutex mutex_;
    EngineFacts facts_;
    std::vector<std::string> configured_gpus_;
    bool gpu_warned_ = false;  // guarded by mutex_
    std::mutex setup_mutex_;
};

// Every engine, in --docker-host order: the first one runs FARGATE tasks.
class Engines {
  public:
    // `gpus`: --gpus, host → its GPU ids.
    // `zones`: --zone, host → its zone letter.
    explicit Engines(const std::vector<std::string>& hosts,
                     const std::map<std::string, std::vector<std::string>>& gpus = {},
                     const std::map<std::string, char>& zones = {});

    // The engine a task runs on: the one its container instance names, else the first.
    Engine& for_host(const std::string& host);
    Engine& first() { return *engines_.front(); }
    std::vector<Engine*> all();
    std::vector<EngineFacts> facts() const;

  private:
    std::vector<std::unique_ptr<Engine>> engines_;
};

}  // namespace berth::runtime
