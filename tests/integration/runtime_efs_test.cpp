// EFS volumes against the real engine: a file system is a directory of Berth's data dir that
// every task naming it shares, while they run and after they stopped, across a restart.
#include <filesystem>
#include <fstream>

#include "integration/runtime_support.hpp"

namespace berth::test {
namespace {

using model::TaskStatus;

constexpr const char* k_file_system = "fs-0123456789abcdef0";

class RuntimeEfs : public RuntimeTest {
  protected:
    const std::filesystem::path efs_dir_ =
        std::filesystem::temp_directory_path() / unique_name("efs");

    void TearDown() override {
        RuntimeTest::TearDown();
        std::filesystem::remove_all(efs_dir_);  // what the tasks wrote, as root, is ours to go
    }

    runtime::RuntimeOptions efs_options() {
        auto o = options();
        o.efs_dir = efs_dir_.string();
        return o;
    }

    // A task whose one container mounts the file system's /shared at /mnt/efs and runs `cmd`.
    std::string run_on_efs(const std::string& cmd, const std::string& root = "/shared") {
        auto app = busybox_container("app", cmd);
        app["mountPoints"] = {{{"sourceVolume", "data"}, {"containerPath", "/mnt/efs"}}};
        return run_task({{"containerDefinitions", {app}},
                         {"volumes",
                          {{{"name", "data"},
                            {"efsVolumeConfiguration",
                             {{"fileSystemId", k_file_system},
                              {"rootDirectory", root},
                              {"transitEncryption", "ENABLED"},
                              {"authorizationConfig", {{"iam", "ENABLED"}}}}}}}}});
    }

    int exit_code_of(const std::string& arn) {
        auto t = wait_status(arn, TaskStatus::stopped, 60s);
        return container(t, "app").exit_code.value_or(-1);
    }
};

// Writes its own file, then waits (up to 20 s) for the other task's: both run at once on one
// file system, and each exits 0 only if it saw the other's file.
std::string write_and_wait(const std::string& mine, const std::string& theirs) {
    return "echo " + mine + " > /mnt/efs/" + mine + " && for i in $(seq 200); do [ -f /mnt/efs/" +
           theirs + " ] && exit 0; sleep 0.1; done; exit 1";
}

TEST_F(RuntimeEfs, TasksShareAFileSystemAndALaterTaskAfterARestartSeesTheirFiles) {
    start_runtime(efs_options());
    const auto first = run_on_efs(write_and_wait("one", "two"));
    const auto second = run_on_efs(write_and_wait("two", "one"));
    EXPECT_EQ(exit_code_of(first), 0) << "the first task did not see the second's file";
    EXPECT_EQ(exit_code_of(second), 0) << "the second task did not see the first's file";
    // The file system is a directory of the host, rootDirectory a folder inside it.
    std::ifstream written(efs_dir_ / k_file_system / "shared" / "one");
    std::string line;
    std::getline(written, line);
    EXPECT_EQ(line, "one");

    // A Berth restarted with the same data dir: a third task reads both files, and adds one.
    start_runtime(efs_options());
    const auto third = run_on_efs(
        "test \"$(cat /mnt/efs/one)\" = one && test \"$(cat /mnt/efs/two)\" = two && "
        "echo three > /mnt/efs/three");
    EXPECT_EQ(exit_code_of(third), 0) << "the third task did not see the earlier tasks' files";
    EXPECT_TRUE(std::filesystem::exists(efs_dir_ / k_file_system / "shared" / "three"));
}

// Docker's Binds cannot say "source:target" of a path holding ':'; Berth mounts it by Mounts.
TEST_F(RuntimeEfs, ARootDirectoryWithAColonIsMounted) {
    start_runtime(efs_options());
    const auto arn = run_on_efs("echo colon > /mnt/efs/file", "/run:1");
    EXPECT_EQ(exit_code_of(arn), 0) << task(arn).stopped_reason;
    std::ifstream written(efs_dir_ / k_file_system / "run:1" / "file");
    std::string line;
    std::getline(written, line);
    EXPECT_EQ(line, "colon");
}

TEST_F(RuntimeEfs, ABadFileSystemIdStopsTheTaskWithTheAgentsError) {
    start_runtime(efs_options());
    auto app = busybox_container("app", "true");
    app["mountPoints"] = {{{"sourceVolume", "data"}, {"containerPath", "/mnt/efs"}}};
    const auto arn =
        run_task({{"containerDefinitions", {app}},
                  {"volumes",
                   {{{"name", "data"}, {"efsVolumeConfiguration", {{"fileSystemId", "fs-??"}}}}}}});
    auto t = wait_status(arn, TaskStatus::stopped);
    EXPECT_EQ(t.stop_code, model::StopCode::task_failed_to_start);
    EXPECT_EQ(t.stopped_reason.rfind("ResourceInitializationError: failed to invoke EFS utils "
                                     "commands to set up EFS volumes",
                                     0),
              0u)
        << t.stopped_reason;
}

}  // namespace
}  // namespace berth::test
