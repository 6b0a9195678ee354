#include "berth/persist/state_dir.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "berth/persist/errors.hpp"
#include "berth/persist/record.hpp"

namespace berth::persist {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* k_snapshot_format = "berth-snapshot";
constexpr const char* k_journal_format = "berth-journal";

StateError system_error(const std::string& what, const std::string& path) {
    return StateError(what + " " + path + ": " + std::strerror(errno));
}

std::string header(const char* format) {
    return json{{"format", format}, {"version", k_format_version}}.dump();
}

// Throws unless `payload` is the header of `format` at a version this Berth reads.
void check_header(const std::string& payload, const char* format, const std::string& path) {
    auto doc = json::parse(payload, nullptr, false);
    if (!doc.is_object() || doc.value("format", "") != format) {
        throw StateError(path + " is not a Berth " + format + " file");
    }
    auto version = doc.value("version", 0);
    if (version != k_format_version) {
        throw StateError(path + " has state format version " + std::to_string(version) +
                         "; this Berth reads version " + std::to_string(k_format_version) +
                         " only. Start it with another --state-dir, or run the Berth that wrote "
                         "it.");
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void write_fd(int fd, std::string_view bytes, const std::string& path) {
    while (!bytes.empty()) {
        auto n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw system_error("cannot write", path);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void sync_dir(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Every record of a file Berth wrote whole (the snapshot): any damage is refused.
Image read_snapshot(const std::string& path) {
    Image image;
    if (!fs::exists(path)) return image;
    auto scan = scan_records(read_file(path));
    if (!scan.problem.empty() || scan.payloads.empty()) {
        throw StateError(path + " is damaged (" +
                         (scan.problem.empty() ? "no header" : scan.problem) + " at byte " +
                         std::to_string(scan.good_bytes) +
                         "); move it away to start from the journal alone");
    }
    check_header(scan.payloads.front(), k_snapshot_format, path);
    for (std::size_t i = 1; i < scan.payloads.size(); ++i) apply_payload(image, scan.payloads[i]);
    return image;
}

}  // namespace

StateDir::StateDir(std::string dir) : dir_(std::move(dir)) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec || !fs::is_directory(dir_)) {
        throw StateError("--state-dir " + dir_ + ": cannot create it: " + ec.message());
    }
}

StateDir::~StateDir() {
    if (journal_fd_ >= 0) ::close(journal_fd_);
}

Image StateDir::load() {
    auto image = read_snapshot(dir_ + "/snapshot");
    const auto path = dir_ + "/journal";
    auto bytes = fs::exists(path) ? read_file(path) : std::string();
    auto scan = scan_records(bytes);
    std::size_t keep = scan.good_bytes;
    std::size_t applied = 0;
    if (!scan.payloads.empty()) {
        check_header(scan.payloads.front(), k_journal_format, path);
        for (std::size_t i = 1; i < scan.payloads.size(); ++i, ++applied) {
            apply_payload(image, scan.payloads[i]);
        }
    } else {
        keep = 0;  // not even a header: the journal starts again
    }
    if (!scan.problem.empty()) {
        spdlog::warn("state: {}: {} at byte {}; cut there ({} of {} bytes kept, {} records read)",
                     path, scan.problem, scan.good_bytes, keep, bytes.size(), applied);
    }
    if (keep != bytes.size() && ::truncate(path.c_str(), static_cast<off_t>(keep)) != 0) {
        throw system_error("cannot cut", path);
    }
    journal_bytes_ = keep;
    open_journal();
    return image;
}

void StateDir::open_journal() {
    const auto path = dir_ + "/journal";
    if (journal_fd_ >= 0) ::close(journal_fd_);
    journal_fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (journal_fd_ < 0) throw system_error("cannot open", path);
    if (journal_bytes_ == 0) {
        std::string bytes;
        append_record(bytes, header(k_journal_format));
        write_fd(journal_fd_, bytes, path);
        if (::fdatasync(journal_fd_) != 0) throw system_error("cannot sync", path);
        journal_bytes_ = bytes.size();
    }
}

void StateDir::append(const std::vector<Change>& changes) {
    if (changes.empty()) return;
    if (journal_fd_ < 0) open_journal();
    std::string bytes;
    for (const auto& change : changes) append_record(bytes, change_payload(change));
    const auto path = dir_ + "/journal";
    write_fd(journal_fd_, bytes, path);
    if (::fdatasync(journal_fd_) != 0) throw system_error("cannot sync", path);
    journal_bytes_ += bytes.size();
}

void StateDir::compact(const Image& image) {
    const auto path = dir_ + "/snapshot";
    const auto temporary = path + ".tmp";
    std::string bytes;
    append_record(bytes, header(k_snapshot_format));
    for (const auto& entry : image) append_record(bytes, change_payload(entry));
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw system_error("cannot create", temporary);
    try {
        write_fd(fd, bytes, temporary);
        if (::fsync(fd) != 0) throw system_error("cannot sync", temporary);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    if (::rename(temporary.c_str(), path.c_str()) != 0) throw system_error("cannot rename", path);
    sync_dir(dir_);
    // The new snapshot holds everything: the journal starts again, empty but for its header.
    const auto journal = dir_ + "/journal";
    if (::truncate(journal.c_str(), 0) != 0 && errno != ENOENT) {
        throw system_error("cannot cut", journal);
    }
    journal_bytes_ = 0;
    open_journal();
}

std::string StateDir::instance_id(const std::string& given, const std::string& fresh) {
    const auto path = dir_ + "/instance-id";
    std::string kept;
    if (fs::exists(path)) {
        std::ifstream in(path);
        std::getline(in, kept);
    }
    auto id = !given.empty() ? given : !kept.empty() ? kept : fresh;
    if (id != kept) {
        const auto temporary = path + ".tmp";
        {
            std::ofstream out(temporary, std::ios::trunc);
            out << id << "\n";
            if (!out.flush()) throw system_error("cannot write", temporary);
        }
        if (::rename(temporary.c_str(), path.c_str()) != 0) {
            throw system_error("cannot rename", path);
        }
        sync_dir(dir_);
    }
    return id;
}

}  // namespace berth::persist
