#pragma once
// Splits a streamed body into lines (the Engine streams one JSON document per line for
// /events and /images/create). Chunks may cut lines anywhere.
#include <string>
#include <string_view>

namespace berth::docker {

class LineSplitter {
  public:
    // Calls `on_line` for every complete line in `chunk` (without the newline, '\r' trimmed,
    // blank lines skipped); keeps the tail for the next chunk.
    template <class OnLine>
    void feed(std::string_view chunk, OnLine&& on_line) {
        buffer_.append(chunk);
        std::size_t start = 0;
        for (auto nl = buffer_.find('\n'); nl != std::string::npos;
             nl = buffer_.find('\n', start)) {
            std::string_view line(buffer_.data() + start, nl - start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (!line.empty()) on_line(line);
            start = nl + 1;
        }
        buffer_.erase(0, start);
    }

    // What is left after the stream ended without a final newline.
    const std::string& rest() const { return buffer_; }

  private:
    std::string buffer_;
};

}  // namespace berth::docker
