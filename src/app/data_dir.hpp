#pragma once
// Berth's data directory (--data-dir): made private to the user Berth runs as before anything
// is kept there. The default for a user without $XDG_STATE_HOME, /tmp/berth-<uid>, has a name
// any other user of the host can guess and make first, to read or plant the files of tasks' EFS
// volumes; such a directory is refused instead of used.
#include <string>

#include <sys/types.h>

namespace berth::app {

// Makes `dir` (and its missing parents) with mode 0700 when it does not exist. Throws
// std::runtime_error, naming the directory, when it is a symbolic link or not a directory, or
// when it is owned by a user other than `user` — unless `user` is root, who may choose any.
void prepare_data_dir(const std::string& dir, uid_t user);

}  // namespace berth::app
