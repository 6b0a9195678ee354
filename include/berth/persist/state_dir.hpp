#pragma once
// The files of --state-dir DIR:
//   DIR/snapshot     every entity at the last compaction (written whole, then renamed in)
//   DIR/journal      the changes since, appended and fdatasync'ed batch by batch
//   DIR/instance-id  the id Berth's containers are labelled with, kept for adoption
// Both state files are record files (record.hpp) whose first record is a header naming the
// format and its version; a version this Berth does not know is refused, never guessed at.
#include <cstddef>
#include <string>
#include <vector>

#include "berth/persist/image.hpp"

namespace berth::persist {

inline constexpr int k_format_version = 1;

class StateDir {
  public:
    // Creates DIR if needed; throws StateError when it cannot.
    explicit StateDir(std::string dir);
    ~StateDir();
    StateDir(const StateDir&) = delete;
    StateDir& operator=(const StateDir&) = delete;

    // The snapshot, then the journal replayed over it. A torn or corrupt journal tail is cut
    // (the file truncated where the good records end) and reported in one warning; a snapshot
    // that cannot be read or has an unknown version throws StateError.
    Image load();

    // Appends the changes and fdatasyncs the journal: durable when it returns.
    void append(const std::vector<Change>& changes);
    std::size_t journal_bytes() const { return journal_bytes_; }

    // Writes `image` as the new snapshot (a temporary file, fsync'ed, renamed over the old one)
    // and starts an empty journal. A crash in between replays the old journal over the new
    // snapshot, which changes nothing: its records are whole entities.
    void compact(const Image& image);

    // `given` when not empty (and kept), else the id an earlier run kept, else `fresh` (kept).
    std::string instance_id(const std::string& given, const std::string& fresh);

    const std::string& dir() const { return dir_; }

  private:
    void open_journal();

    std::string dir_;
    int journal_fd_ = -1;
    std::size_t journal_bytes_ = 0;
};

}  // namespace berth::persist
