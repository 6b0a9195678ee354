#pragma once
// Typed views of the Engine's answers. Each keeps the few fields Berth reads by name; those that
// carry a `raw` member also keep the whole Engine JSON for everything else.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "berth/docker/api_version.hpp"

namespace berth::docker {

using Json = nlohmann::json;
using Labels = std::map<std::string, std::string>;

// GET /version
struct VersionInfo {
    std::string version;          // "20.10.24+dfsg1"
    std::string api_version;      // engine's maximum, "1.41"
    std::string min_api_version;  // "1.12"
    std::string os;               // "linux"
    std::string arch;             // "amd64"
    std::string kernel_version;
    Json raw;
};

// GET /info
struct SystemInfo {
    std::string id;
    std::string name;  // host name
    std::string server_version;
    std::string operating_system;  // "Debian GNU/Linux 12 (bookworm)"
    std::string os_type;           // "linux"
    std::string architecture;      // "x86_64"
    std::string kernel_version;
    int ncpu = 0;
    std::int64_t mem_total = 0;  // bytes
    std::string cgroup_version;  // "1" | "2"
    int containers_running = 0;
    std::vector<std::string> runtimes;  // the names of `Runtimes`: "runc", "nvidia", ...
    Json raw;
};

// GET /images/{name}/json
struct ImageInfo {
    std::string id;  // "sha256:..."
    std::vector<std::string> repo_tags;
    std::vector<std::string> repo_digests;  // "repo@sha256:..."; empty for local-only images
    Labels labels;
    Json raw;
};

// Progress lines of POST /images/create, as they stream in.
struct PullProgress {
    std::string status;  // "Pulling fs layer", "Downloading", "Pull complete", "Digest: ..."
    std::string id;      // layer id, when the line is about a layer
    std::string progress;
};

// A container's State, from GET /containers/{id}/json.
struct ContainerState {
    std::string status;  // created | running | paused | restarting | removing | exited | dead
    bool running = false;
    bool oom_killed = false;
    bool dead = false;
    int pid = 0;
    int exit_code = 0;
    std::string error;       // why the engine could not start it, when it could not
    std::string started_at;  // RFC 3339 with nanoseconds; "0001-01-01T00:00:00Z" when never
    std::string finished_at;
    std::string health;  // "" (no health check) | starting | healthy | unhealthy
};

// GET /containers/{id}/json
struct ContainerDetails {
    std::string id;
    std::string name;      // without the leading '/'
    std::string image;     // as asked for (Config.Image)
    std::string image_id;  // "sha256:..."
    bool tty = false;
    ContainerState state;
    Labels labels;
    Json raw;
};

// An entry of GET /containers/json
struct ContainerSummary {
    std::string id;
    std::vector<std::string> names;  // without the leading '/'
    std::string image;
    std::string image_id;
    std::string state;         // running | exited | ...
    std::string status;        // "Up 2 minutes", "Exited (0) 3 seconds ago"
    std::int64_t created = 0;  // epoch seconds
    Labels labels;
};

// Filters for container_list. Labels are "key" (present) or "key=value" (equal).
struct ContainerFilter {
    std::vector<std::string> labels{};
    std::vector<std::string> names{};
    std::vector<std::string> statuses{};  // created | running | exited | ...
    bool all = true;                      // include stopped containers
};

// The stream id of a multiplexed frame header.
enum class LogStream : std::uint8_t { in = 0, out = 1, err = 2 };

struct LogFrame {
    LogStream stream = LogStream::out;
    std::string text;  // one frame's bytes; with timestamps, each line starts with RFC 3339
};

struct LogOptions {
    bool out = true;            // stdout
    bool err = true;            // stderr
    std::int64_t since = 0;     // epoch seconds; 0 = from the start
    std::optional<int> tail{};  // last N lines; unset = all
    bool timestamps = false;
};

struct LogOutput {
    std::vector<LogFrame> frames;  // in the order the engine sent them

    std::string stdout_text() const;
    std::string stderr_text() const;
};

// GET /networks/{id}
struct NetworkInfo {
    std::string id;
    std::string name;
    std::string driver;
    std::string subnet;  // first IPAM config, when any
    std::string gateway;
    Labels labels;
    Json raw;
};

// GET /volumes/{name}
struct VolumeInfo {
    std::string name;
    std::string driver;
    Labels options;  // the driver options it was created with (string pairs, as labels)
    Labels labels;
};

}  // namespace berth::docker
