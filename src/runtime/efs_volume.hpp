#pragma once
// EFS volumes on Docker: each file system is a directory of the host, EFS_DIR/<fileSystemId>,
// that outlives every task and Berth itself; a volume's rootDirectory is a folder inside it.
// Every task that names the file system binds the same folder, as every ECS task mounting it
// sees the same files. Access points and IAM authorization are accepted and not enforced.
#include <string>

#include <nlohmann/json.hpp>

namespace berth::runtime {

// The host directory that backs an efsVolumeConfiguration under `efs_dir`. Throws SpecError
// (ResourceInitializationError, as the agent's EFS mount failures) for a fileSystemId that is
// not one, a rootDirectory that leaves the file system, or no `efs_dir` to keep it in.
std::string efs_directory(const nlohmann::json& config, const std::string& efs_dir,
                          const std::string& region);

// Whether `dir`, an existing directory efs_directory named under `efs_dir`, still resolves
// inside its file system's directory. A task that mounts the file system could have made a
// folder of it a symlink to anywhere on the host (real EFS resolves links inside the export).
bool resolves_inside_file_system(const std::string& dir, const std::string& efs_dir);

}  // namespace berth::runtime
