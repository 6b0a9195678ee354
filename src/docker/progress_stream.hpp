#pragma once
// The JSON progress lines of POST /images/create (pull and import). The engine reports
// failures that happen after the stream began inside it, with a 200 status:
//   {"errorDetail":{"message":"..."},"error":"..."}
// so every line is checked and the first error becomes a DockerError.
#include <functional>
#include <string>
#include <string_view>

#include "berth/docker/types.hpp"
#include "docker/json_lines.hpp"

namespace berth::docker {

class ProgressStream {
  public:
    using Callback = std::function<void(const PullProgress&)>;

    explicit ProgressStream(Callback on_progress = {}) : on_progress_(std::move(on_progress)) {}

    // Throws DockerError at the first error line.
    void feed(std::string_view chunk);
    // The stream ended: handles a last line that had no newline.
    void finish();
    const std::string& last_status() const { return last_status_; }

  private:
    void on_line(std::string_view text);

    Callback on_progress_;
    LineSplitter lines_;
    std::string last_status_;
};

}  // namespace berth::docker
