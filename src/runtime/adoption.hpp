#pragma once
// A start with --state-dir adopts the containers the earlier run left (adoption_plan.hpp): the
// orphans go, the tasks whose containers vanished are recorded stopped, and each adopted task
// gets back what lived in the earlier run's memory only. Runs before the engine's first resync
// and before any task of the engine is driven; Docker calls only, off the Store's lock.
#include "context.hpp"

namespace berth::runtime {

// Throws docker::DockerError when the engine does not answer its listing.
void adopt_engine(Context& ctx, Engine& engine);

}  // namespace berth::runtime
