#pragma once
// The options of a container's awslogs log configuration, read once and checked the way
// Docker's awslogs driver checks them (an unknown or malformed option fails the container's
// creation with the driver's words).
#include <chrono>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>

#include "berth/model/common.hpp"
#include "berth/model/task_definition.hpp"

namespace berth::runtime {

struct AwsLogsOptions {
    std::string group;          // awslogs-group (required)
    std::string region;         // awslogs-region; "" → the task's own region
    std::string stream_prefix;  // awslogs-stream-prefix (ECS's)
    std::string stream;         // awslogs-stream (Docker's): the stream's whole name
    bool create_group = false;  // awslogs-create-group
    std::string datetime_format;
    std::string multiline_pattern;
    std::chrono::seconds force_flush{5};  // awslogs-force-flush-interval-seconds
    // Accepted and checked; Berth reads the engine's stored log, so the container never waits
    // on delivery and nothing is dropped in either mode.
    bool non_blocking = false;    // mode
    std::string max_buffer_size;  // max-buffer-size
};

// The driver's error text ("unknown log opt 'x' for awslogs log driver").
class AwsLogsOptionError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

inline constexpr const char* k_awslogs_driver = "awslogs";

// Throws AwsLogsOptionError.
AwsLogsOptions parse_awslogs_options(const model::LogConfiguration& config);

// The awslogs options of a container, nullopt when its driver is another one. Throws
// AwsLogsOptionError.
std::optional<AwsLogsOptions> awslogs_of(const model::ContainerDefinition* container);

// Where the container's events go: awslogs-region names another region of the same account.
model::PartitionKey awslogs_partition(const AwsLogsOptions& options,
                                      const model::PartitionKey& task_partition);

// ECS's stream name: PREFIX/CONTAINER-NAME/TASK-ID. Without a prefix (allowed for EC2), the
// Docker driver's default, the container's Docker id; awslogs-stream names it outright.
std::string awslogs_stream_name(const AwsLogsOptions& options, const std::string& container_name,
                                const std::string& task_id, const std::string& docker_id);

// What starts a new event: awslogs-multiline-pattern as given (matched anywhere in the line),
// or awslogs-datetime-format's strftime codes made a regex anchored at the line's start.
// nullopt: every line is an event.
std::optional<std::regex> event_start_pattern(const AwsLogsOptions& options);

// The regex for a strftime format (%Y → \d{4}, %b → month names, ...), as Docker's driver
// translates it; other text, and codes it does not translate, match literally.
std::string datetime_regex(const std::string& format);

}  // namespace berth::runtime
