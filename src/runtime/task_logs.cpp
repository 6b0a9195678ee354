#include "task_logs.hpp"

#include <spdlog/spdlog.h>

#include "awslogs_options.hpp"
#include "log_follower.hpp"
#include "steps.hpp"

namespace berth::runtime {

namespace {

// A stopped container's stream ends as soon as the engine has sent its last line; this bounds
// the wait for one whose stop did not take.
constexpr std::chrono::milliseconds k_drain_timeout{3'000};

std::string missing_group() {
    return model::failure_reason(
        model::FailureClass::resource_initialization,
        "failed to validate logger args: create stream has been retried 1 times: failed to "
        "create Cloudwatch log stream: ResourceNotFoundException: The specified log group "
        "does not exist. : exit status 1");
}

std::optional<AwsLogsOptions> options_of(const model::ContainerDefinition& c) {
    try {
        return awslogs_of(&c);
    } catch (const AwsLogsOptionError& e) {
        throw StepFailure(
            model::failure_reason(model::FailureClass::cannot_create_container,
                                  std::string("Error response from daemon: ") + e.what()));
    }
}

}  // namespace

void prepare_task_logs(Context& ctx, const TaskRef& ref, const TaskView& view) {
    for (const auto& c : view.definition().containers) {
        auto options = options_of(c);
        if (!options || !ctx.logs) continue;
        const auto partition = awslogs_partition(*options, ref.partition);
        auto& store = ctx.logs->store();
        if (options->create_group) {
            store.create_group(partition, options->group);
        } else if (!store.group_exists(partition, options->group)) {
            throw StepFailure(missing_group());
        }
    }
}

namespace {

// The timestamp of the newest event of the stream (0 when it has none).
std::int64_t newest_event_ms(const model::LogStore& store, const LogDestination& to) {
    return store.read(to.partition, [&](const model::LogPartition& p) -> std::int64_t {
        auto group = p.groups.find(to.group);
        if (group == p.groups.end()) return 0;
        auto stream = group->second.streams.find(to.stream);
        if (stream == group->second.streams.end() || stream->second.events.empty()) return 0;
        return stream->second.events.back().timestamp_ms;
    });
}

}  // namespace

void follow_container_logs(Context& ctx, const TaskRef& ref, const TaskView& view, Engine& engine,
                           const model::TaskContainer& c, bool resume) {
    if (!ctx.logs) return;
    const auto* def = view.definition().container(c.name);
    if (!def) return;
    std::optional<AwsLogsOptions> options;
    try {
        options = awslogs_of(def);
    } catch (const AwsLogsOptionError& e) {
        return;  // prepare_task_logs failed the task already
    }
    if (!options) return;
    LogDestination to{awslogs_partition(*options, ref.partition), options->group,
                      awslogs_stream_name(*options, c.name, view.task.id, c.runtime_id)};
    EventAssembler assembler(event_start_pattern(*options), options->force_flush);
    const auto after_ms = resume ? newest_event_ms(ctx.logs->store(), to) : 0;
    ctx.logs->follow(ref.arn, engine.client(), c.runtime_id, std::move(to), std::move(assembler),
                     after_ms);
}

void drain_task_logs(Context& ctx, const TaskRef& ref) {
    if (!ctx.logs) return;
    if (!ctx.logs->drain(ref.arn, k_drain_timeout)) {
        spdlog::warn("awslogs: task {}: some containers' output was still being read after {} ms",
                     ref.arn, k_drain_timeout.count());
    }
}

void forget_task_logs(Context& ctx, const TaskRef& ref) {
    if (!ctx.logs) return;
    ctx.logs->drain(ref.arn, k_drain_timeout);
    ctx.logs->forget(ref.arn);
}

}  // namespace berth::runtime
