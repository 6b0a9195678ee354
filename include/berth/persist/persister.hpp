#pragma once
// Keeps the state directory up to date with the stores (stores.hpp). A writer thread, woken by
// every change of the ECS Store, by wait_durable, and else once a tick (the stores around ECS
// wake no one: their API writes come with a wait_durable, and what the runtime writes there,
// log events, waits for the tick), copies each store under its lock, and then, with the locks
// released, turns the copies into entity texts, appends what changed since the last batch to
// the journal and fdatasyncs it: one sync per batch, however many writes the batch holds
// (group commit). Past `compact_bytes` of journal, and at stop(), the whole image becomes the
// snapshot. No file is touched while a store is locked.
//
// The app makes each API request that changed a store wait_durable() before it answers, so
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
#include "berth/persist/stores.hpp"

namespace berth::persist {

struct PersisterOptions {
    std::size_t compact_bytes = 16 * 1024 * 1024;
    std::chrono::milliseconds tick{1000};  // a look without a wake-up
};

class Persister {
  public:
    // `written` is what the directory holds now (StateDir::load()'s image).
    Persister(Stores stores, StateDir& dir, Image written, PersisterOptions options = {});
    ~Persister();
    Persister(const Persister&) = delete;
    Persister& operator=(const Persister&) = delete;

    void start();
    // Writes what is left and compacts; later waits return at once.
    void stop();
    // Returns once every write up to `versions` (versions_of the stores) is in the journal, or
    // the writer has failed (logged) or stopped: an API answer never hangs on a broken disk.
    void wait_durable(const Versions& versions);
    // The stores' versions now: what a request that changed them waits for.
    Versions current() const { return versions_of(stores_); }

    // One batch now, on the caller's thread (tests, and stop()).
    void flush();

  private:
    void loop();

    Stores stores_;
    StateDir& dir_;
    PersisterOptions options_;
    // Writer thread only (and flush() before start / after stop).
    Image written_;
    StoreImager imager_;
    // Shared with the Store's listener, which may outlive the Persister.
    struct Sync {
        std::mutex mutex;
        std::condition_variable wake;
        std::condition_variable durable_cv;
        Versions durable{};  // the versions the journal holds
        Versions wanted{};   // the highest versions requests wait for
        bool changed = false;
        bool running = false;
        bool failing = false;
    };
    std::shared_ptr<Sync> sync_ = std::make_shared<Sync>();
    std::thread thread_;
};

}  // namespace berth::persist
