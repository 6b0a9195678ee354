#pragma once
// Commands Berth runs on its own host: iptables inside a task's network namespace (nsenter
// into the namespace of one of its processes). Only for a local engine, whose processes are
// this host's; Berth runs as root.
#include <string>
#include <vector>

namespace berth::runtime {

// Runs argv without a shell; its exit status, or -1 when it could not run. Its output (both
// streams) goes into `output`.
int run_command(const std::vector<std::string>& argv, std::string& output);

// Runs `iptables -w <args>` in the network namespace of process `pid`; as run_command.
int run_iptables_in_netns(int pid, const std::vector<std::string>& args, std::string& output);

}  // namespace berth::runtime
