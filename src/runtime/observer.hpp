#pragma once
// What the engines report, written into the Store: container exits (die), OOM kills, health
// changes and removals from the event stream, and a full comparison after every (re)connect,
// for whatever happened while the stream was down.
#include "berth/docker/events.hpp"
#include "context.hpp"

namespace berth::runtime {

// Applies one container event of a container labelled with this Berth's instance id.
void observe_event(Context& ctx, const docker::Event& event);

// Lists this Berth's containers on `engine` and brings the Store's running containers in line
// with what the engine says (exited, removed, health).
void resync_engine(Context& ctx, Engine& engine);

}  // namespace berth::runtime
