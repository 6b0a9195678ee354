#pragma once
#include <stdexcept>

namespace berth::persist {

// A state directory Berth cannot start from (a snapshot of an unknown format version, a damaged
// snapshot, a file it cannot write). The message says which file and what to do; the app exits
// with it instead of serving without the state the user asked to keep.
struct StateError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace berth::persist
