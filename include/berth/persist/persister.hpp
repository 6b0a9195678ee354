#pragma once
// Keeps the state directory up to date with the Store. A writer thread, woken by every change
// (and by wait_durable for the writes that wake no one), copies the Store under its lock as the
// scheduler does, and then, with the lock released, turns the copy into entity texts, appends
// what changed since the last batch to the journal and fdatasyncs it: one sync per batch,
// however many writes the batch holds (group commit). Past `compact_bytes` of journal, and at
// stop(), the whole image becomes the snapshot. No file is touched while the Store is locked.
//
// The app makes each API request that changed the Store wait_durable() before it answers, so
// what a client was told happened survives a kill -9.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "berth/model/store.hpp"
#include "berth/persist/image.hpp"
#include "berth/persist/state_dir.hpp"

namespace berth::persist {

struct PersisterOptions {
    std::size_t compact_bytes = 16 * 1024 * 1024;
    std::chrono::milliseconds tick{1000};  // a look without a wake-up
};

class Persister {
  public:
    // `written` is what the directory holds now (StateDir::load()'s image).
    Persister(model::Store& store, StateDir& dir, Image written, PersisterOptions options = {});
    ~Persister();
    Persister(const Persister&) = delete;
    Persister& operator=(const Persister&) = delete;

    void start();
    // Writes what is left and compacts; later waits return at once.
    void stop();
    // Returns once every write up to the Store's `version` is in the journal, or the writer has
    // failed (logged) or stopped: an API answer never hangs on a broken disk.
    void wait_durable(std::uint64_t version);

    // One batch now, on the caller's thread (tests, and stop()).
    void flush();

  private:
    void loop();

    model::Store& store_;
    StateDir& dir_;
    PersisterOptions options_;
    Image written_;  // writer thread only (and flush() before start / after stop)
    // Shared with the Store's listener, which may outlive the Persister.
    struct Sync {
        std::mutex mutex;
        std::condition_variable wake;
        std::condition_variable durable_cv;
        std::uint64_t durable = 0;  // the Store version the journal holds
        std::uint64_t wanted = 0;   // the highest version a request waits for
        bool changed = false;
        bool running = false;
        bool failing = false;
    };
    std::shared_ptr<Sync> sync_ = std::make_shared<Sync>();
    std::thread thread_;
};

}  // namespace berth::persist
