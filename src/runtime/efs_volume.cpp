#include "efs_volume.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>

#include "berth/runtime/task_spec.hpp"

namespace berth::runtime {

namespace {

constexpr const char* k_efs_utils = "failed to invoke EFS utils commands to set up EFS volumes: ";

SpecError efs_error(const std::string& text) {
    return SpecError(k_efs_utils + text, model::FailureClass::resource_initialization);
}

// EFS's own pattern for a file system id: fs- and 8 to 40 lowercase hex digits.
bool is_file_system_id(std::string_view id) {
    if (!id.starts_with("fs-")) return false;
    id.remove_prefix(3);
    return id.size() >= 8 && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
           });
}

// rootDirectory as a path inside the file system ("" for its root); false when it leaves it.
bool relative_root(std::string_view root, std::string& out) {
    while (!root.empty()) {
        const auto slash = root.find('/');
        const auto part = root.substr(0, slash);
        root = slash == std::string_view::npos ? std::string_view{} : root.substr(slash + 1);
        if (part.empty() || part == ".") continue;
        if (part == "..") return false;
        out += "/";
        out += part;
    }
    return true;
}

}  // namespace

std::string efs_directory(const nlohmann::json& config, const std::string& efs_dir,
                          const std::string& region) {
    const auto id = config.value("fileSystemId", "");
    if (!is_file_system_id(id)) {
        // What mount.efs says of a name that resolves to no file system.
        throw efs_error("stderr: Failed to resolve \"" + id + ".efs." + region +
                        ".amazonaws.com\" - check that your file system ID is correct.");
    }
    if (efs_dir.empty()) throw efs_error("Berth has no data directory to keep " + id + " in");
    std::string root;
    if (!relative_root(config.value("rootDirectory", "/"), root)) {
        throw efs_error("stderr: mount.nfs4: access denied by server while mounting " + id + ":" +
                        config.value("rootDirectory", ""));
    }
    return efs_dir + "/" + id + root;
}

bool resolves_inside_file_system(const std::string& dir, const std::string& efs_dir) {
    if (efs_dir.empty() || !dir.starts_with(efs_dir + "/")) return false;
    const auto relative = dir.substr(efs_dir.size() + 1);
    const auto id = relative.substr(0, relative.find('/'));
    std::error_code ec;
    const auto file_system = std::filesystem::canonical(efs_dir + "/" + id, ec).string();
    if (ec) return false;
    const auto real = std::filesystem::canonical(dir, ec).string();
    if (ec) return false;
    return real == file_system || real.starts_with(file_system + "/");
}

}  // namespace berth::runtime
