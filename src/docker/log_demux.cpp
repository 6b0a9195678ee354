#include "docker/log_demux.hpp"

#include <cstdint>

#include "berth/docker/error.hpp"

namespace berth::docker {
namespace {

constexpr std::size_t k_header_size = 8;

std::uint32_t frame_size(std::string_view header) {
    std::uint32_t size = 0;
    for (std::size_t i = 4; i < k_header_size; ++i) {
        size = (size << 8) | static_cast<unsigned char>(header[i]);
    }
    return size;
}

LogStream frame_stream(std::string_view header) {
    const auto id = static_cast<unsigned char>(header[0]);
    if (id > 2) {
        throw DockerError(ErrorKind::other, 0,
                          "Malformed multiplexed stream: unknown stream id " + std::to_string(id));
    }
    return static_cast<LogStream>(id);
}

}  // namespace

void LogDemuxer::feed(std::string_view chunk, std::vector<LogFrame>& out) {
    buffer_.append(chunk);
    std::size_t pos = 0;
    while (buffer_.size() - pos >= k_header_size) {
        const std::string_view header(buffer_.data() + pos, k_header_size);
        const auto size = frame_size(header);
        if (buffer_.size() - pos - k_header_size < size) break;
        out.push_back({frame_stream(header), buffer_.substr(pos + k_header_size, size)});
        pos += k_header_size + size;
    }
    buffer_.erase(0, pos);
}

std::vector<LogFrame> demultiplex(std::string_view body) {
    LogDemuxer demuxer;
    std::vector<LogFrame> frames;
    demuxer.feed(body, frames);
    if (demuxer.pending()) {
        throw DockerError(ErrorKind::other, 0, "Malformed multiplexed stream: truncated frame");
    }
    return frames;
}

}  // namespace berth::docker
