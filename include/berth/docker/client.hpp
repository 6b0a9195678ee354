#pragma once
// A narrow, typed client for the Docker Engine API over Boost.Beast (unix socket or plain tcp).
//
//   docker::Client docker;                      // unix:///var/run/docker.sock
//   docker.negotiate();                         // optional: the first call negotiates anyway
//   auto id = docker.container_create("web", {{"Image", "busybox"}, {"Cmd", {"sleep", "9"}}});
//   docker.container_start(id);
//
// Every call has a timeout and throws DockerError on failure. The client is thread safe: calls
// may run concurrently from any thread (each opens its own connection to the engine, which on
// a unix socket costs microseconds).
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "berth/docker/api_version.hpp"
#include "berth/docker/error.hpp"
#include "berth/docker/host.hpp"
#include "berth/docker/types.hpp"

namespace berth::docker {

using Timeout = std::chrono::milliseconds;

// Default per-call timeouts: quick metadata calls, and calls that make the engine do work.
inline constexpr Timeout k_quick_timeout{10'000};
inline constexpr Timeout k_work_timeout{60'000};
inline constexpr Timeout k_pull_timeout{15 * 60'000};

class Transport;
struct Request;
struct Response;

class Client {
  public:
    // Throws DockerError(other) when `host` is not an address we can speak to (see parse_host).
    explicit Client(std::string host = k_default_host);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    const Host& host() const { return host_; }

    // --- engine ---------------------------------------------------------------------------
    // GET /version (unversioned), then speak min(engine's ApiVersion, k_max_api_version) from now
    // on. Calling it again re-negotiates (an engine that came back may be a different one).
    // Other calls negotiate on first use.
    ApiVersion negotiate(Timeout timeout = k_quick_timeout);
    // The negotiated version, if negotiation has happened.
    std::optional<ApiVersion> api_version() const;

    void ping(Timeout timeout = k_quick_timeout);  // GET /_ping; throws when no engine answers
    VersionInfo version(Timeout timeout = k_quick_timeout);
    SystemInfo info(Timeout timeout = k_quick_timeout);

    // --- images ---------------------------------------------------------------------------
    // nullopt when the engine has no such image.
    std::optional<ImageInfo> image_inspect(const std::string& ref,
                                           Timeout timeout = k_quick_timeout);
    // POST /images/create: pulls `ref` ("busybox", "repo:tag", "repo@sha256:..."; tag defaults
    // to latest). Errors the engine reports inside the progress stream (unknown manifest, denied,
    // registry unreachable) throw DockerError like any other. `registry_auth` is the
    // X-Registry-Auth value (base64url JSON), empty for anonymous pulls.
    using PullCallback = std::function<void(const PullProgress&)>;
    void image_pull(const std::string& ref, const PullCallback& on_progress = {},
                    const std::string& registry_auth = {}, Timeout timeout = k_pull_timeout);
    // POST /images/create?fromSrc=-: creates image `ref` from a tar of a root filesystem.
    // `changes` are Dockerfile instructions ("CMD [\"sh\"]", "ENV PATH=/bin"). Returns the id.
    std::string image_import(const std::string& tar, const std::string& ref,
                             const std::vector<std::string>& changes = {},
                             Timeout timeout = k_work_timeout);
    void image_remove(const std::string& ref, bool force = false, Timeout timeout = k_work_timeout);

    // --- containers -----------------------------------------------------------------------
    // POST /containers/create?name=: `spec` is the Engine's create body (Image, Cmd, Env,
    // Labels, HostConfig, NetworkingConfig, ...). Returns the new container's id. A missing
    // image is DockerError(not_found); a name in use is DockerError(conflict).
    std::string container_create(const std::string& name, const Json& spec,
                                 Timeout timeout = k_work_timeout);
    // Starting a running container, or stopping a stopped one, is not an error.
    void container_start(const std::string& id, Timeout timeout = k_work_timeout);
    // The engine sends the container's stop signal (SIGTERM unless the image says otherwise),
    // then SIGKILL after `timeout_seconds`. The HTTP call waits that long plus a margin.
    void container_stop(const std::string& id, int timeout_seconds);
    void container_kill(const std::string& id, const std::string& signal = "SIGKILL",
                        Timeout timeout = k_quick_timeout);
    void container_remove(const std::string& id, bool force = false, bool volumes = false,
                          Timeout timeout = k_work_timeout);
    // Throws DockerError(not_found) for an unknown id or name.
    ContainerDetails container_inspect(const std::string& id, Timeout timeout = k_quick_timeout);
    std::vector<ContainerSummary> container_list(const ContainerFilter& filter = {},
                                                 Timeout timeout = k_quick_timeout);
    // Output so far (no follow). Multiplexed stdout/stderr frames are separated; a container
    // with a TTY yields its output as stdout.
    LogOutput container_logs(const std::string& id, const LogOptions& options = {},
                             Timeout timeout = k_work_timeout);
    // POST /containers/{id}/wait (condition not-running): blocks until the container is not
    // running and returns its exit code. Use EventStream rather than a thread per container.
    int container_wait(const std::string& id, Timeout timeout);
    // GET /containers/{id}/stats?stream=false: one sample, the Engine's JSON as is.
    Json container_stats(const std::string& id, Timeout timeout = k_work_timeout);

    // --- networks -------------------------------------------------------------------------
    // POST /networks/create: `spec` is the Engine's body without Name (Driver, IPAM, Labels,
    // Options, Internal, ...); Driver defaults to bridge. Returns the network id.
    std::string network_create(const std::string& name, const Json& spec = Json::object(),
                               Timeout timeout = k_work_timeout);
    std::optional<NetworkInfo> network_inspect(const std::string& id_or_name,
                                               Timeout timeout = k_quick_timeout);
    std::vector<NetworkInfo> network_list(const std::vector<std::string>& label_filters = {},
                                          Timeout timeout = k_quick_timeout);
    void network_remove(const std::string& id_or_name, Timeout timeout = k_work_timeout);
    // `endpoint_config` is an EndpointSettings body (Aliases, IPAMConfig, ...), or empty.
    void network_connect(const std::string& network, const std::string& container,
                         const Json& endpoint_config = Json::object(),
                         Timeout timeout = k_work_timeout);
    void network_disconnect(const std::string& network, const std::string& container,
                            bool force = false, Timeout timeout = k_work_timeout);

    // --- volumes --------------------------------------------------------------------------
    // Returns the volume's name (the engine picks one when `name` is empty).
    std::string volume_create(const std::string& name, const Labels& labels = {},
                              const std::string& driver = "local",
                              const std::map<std::string, std::string>& driver_opts = {},
                              Timeout timeout = k_work_timeout);
    std::optional<VolumeInfo> volume_inspect(const std::string& name,
                                             Timeout timeout = k_quick_timeout);
    std::vector<std::string> volume_list(const std::vector<std::string>& label_filters = {},
                                         Timeout timeout = k_quick_timeout);
    void volume_remove(const std::string& name, bool force = false,
                       Timeout timeout = k_work_timeout);

    // --- plumbing (for EventStream) -------------------------------------------------------
    // "/v1.41" + path, negotiating first when needed.
    std::string versioned(const std::string& path);

  private:
    Response call(Request request);
    Json call_json(Request request);

    Host host_;
    std::unique_ptr<Transport> transport_;
    mutable std::mutex version_mutex_;
    std::optional<ApiVersion> version_;
};

}  // namespace berth::docker
