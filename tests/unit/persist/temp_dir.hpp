#pragma once
// A fresh directory under the system's temporary one, removed with the object.
#include <cstdlib>
#include <filesystem>
#include <string>

namespace berth::persist {

struct TempDir {
    std::string path;
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "berth-persist-XXXXXX");
        path = ::mkdtemp(pattern.data()) ? pattern : std::string();
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

}  // namespace berth::persist
