#include "netns_command.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>

extern char** environ;

namespace berth::runtime {

int run_command(const std::vector<std::string>& argv, std::string& output) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return -1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return -1;
    }
    std::array<char, 512> buf;
    for (ssize_t n; (n = read(fds[0], buf.data(), buf.size())) > 0;) output.append(buf.data(), n);
    close(fds[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_iptables_in_netns(int pid, const std::vector<std::string>& args, std::string& output) {
    std::vector<std::string> argv{"nsenter", "--target", std::to_string(pid),
                                  "--net",   "iptables", "-w"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, output);
}

}  // namespace berth::runtime
