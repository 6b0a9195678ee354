// The runtime against the real engine: faults a user hits, each with the outcome ECS gives
// (a host port another process holds, ...).
#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

class RuntimeFaults : public RuntimeTest {};

// A TCP socket listening on 0.0.0.0:port for as long as it lives: a host process holding it.
class HostListener {
  public:
    explicit HostListener(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_ANY);
        addr.sin_port = htons(static_cast<uint16_t>(port));
        listening_ = fd_ >= 0 &&
                     ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                     ::listen(fd_, 1) == 0;
    }
    HostListener(const HostListener&) = delete;
    HostListener& operator=(const HostListener&) = delete;
    ~HostListener() {
        if (fd_ >= 0) ::close(fd_);
    }
    bool listening() const { return listening_; }

  private:
    int fd_;
    bool listening_ = false;
};

TEST_F(RuntimeFaults, AHostPortAlreadyTakenFailsTheStartAndLeavesNothing) {
    auto o = options();
    o.stopped_task_retention = 1s;
    start_runtime(o);
    const int port = free_port();
    HostListener holder(port);
    ASSERT_TRUE(holder.listening()) << "port " << port;
    auto web = httpd_container();
    web["portMappings"][0]["hostPort"] = port;
    auto arn = run_task({{"containerDefinitions", {web}}});

    auto t = wait_status(arn, TaskStatus::stopped, 60s);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    // The agent passes the daemon's words on: "... Bind for 0.0.0.0:<port> failed: port is
    // already allocated" or, from the userland proxy, "... bind: address already in use".
    EXPECT_TRUE(t.stopped_reason.starts_with("CannotStartContainerError: ")) << t.stopped_reason;
    EXPECT_TRUE(t.stopped_reason.find("already allocated") != std::string::npos ||
                t.stopped_reason.find("address already in use") != std::string::npos)
        << t.stopped_reason;
    EXPECT_EQ(container(t, "web").reason, t.stopped_reason);
    EXPECT_EQ(container(t, "web").known_status, model::ContainerStatus::stopped);
    EXPECT_TRUE(container(t, "web").network_bindings.empty());

    docker::ContainerFilter of_task;
    of_task.labels = {"com.amazonaws.ecs.task-arn=" + arn};
    of_task.statuses = {"running"};
    EXPECT_TRUE(docker().container_list(of_task).empty()) << "a container of a STOPPED task runs";

    // Nothing of the task is left once its retention has passed.
    t = wait_task(
        arn, [](const model::Task& t) { return t.resources_released; }, 20s);
    EXPECT_TRUE(t.resources_released);
    of_task.statuses.clear();
    EXPECT_TRUE(docker().container_list(of_task).empty());
}

}  // namespace
}  // namespace berth::test
