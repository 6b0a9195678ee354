#include "data_dir.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <sys/stat.h>

namespace berth::app {

namespace {

[[noreturn]] void refuse(const std::string& dir, const std::string& why) {
    throw std::runtime_error("--data-dir " + dir + ": " + why);
}

}  // namespace

void prepare_data_dir(const std::string& dir, uid_t user) {
    const auto parent = std::filesystem::path(dir).parent_path();
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) refuse(dir, "cannot make " + parent.string() + ": " + ec.message());
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        refuse(dir, std::string("cannot make it: ") + std::strerror(errno));
    }
    // lstat: a symbolic link planted at the name is refused, not followed.
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) refuse(dir, std::strerror(errno));
    if (!S_ISDIR(st.st_mode)) refuse(dir, "not a directory (or a symbolic link)");
    if (user != 0 && st.st_uid != user) {
        refuse(dir, "owned by uid " + std::to_string(st.st_uid) + ", not by uid " +
                        std::to_string(user) +
                        " that Berth runs as; remove it or choose another --data-dir");
    }
}

}  // namespace berth::app
