#pragma once
// The Engine's multiplexed stream (logs, attach of a container without a TTY): frames of an
// 8-byte header {stream, 0, 0, 0, size as 32-bit big endian} followed by `size` bytes.
// Fed in chunks of any size; frames split across chunks are reassembled.
#include <string>
#include <string_view>
#include <vector>

#include "berth/docker/types.hpp"

namespace berth::docker {

class LogDemuxer {
  public:
    // Appends every frame completed by `chunk` to `out`.
    void feed(std::string_view chunk, std::vector<LogFrame>& out);

    // True while a partial frame waits for more bytes.
    bool pending() const { return !buffer_.empty(); }

  private:
    std::string buffer_;
};

// A whole body at once. Throws DockerError(other) when it ends in the middle of a frame or a
// header names an unknown stream.
std::vector<LogFrame> demultiplex(std::string_view body);

}  // namespace berth::docker
