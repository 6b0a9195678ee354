#pragma once
// Everything a running Berth is made of, built in one place from the Config. The HTTP server
// only sees `front`; the Docker runtime and the service controller run beside it, started by
// start() and stopped by stop().
#include <memory>

#include "berth/app/config.hpp"
#include "berth/model/credentials.hpp"
#include "berth/model/log_store.hpp"
#include "berth/model/store.hpp"
#include "berth/protocol/front.hpp"
#include "berth/protocol/json_service.hpp"
#include "berth/protocol/query_service.hpp"
#include "berth/runtime/runtime.hpp"
#include "berth/runtime/service_controller.hpp"

namespace berth::app {

class Services {
  public:
    explicit Services(const Config& config);
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;

    const protocol::Front& front() const { return front_; }
    model::Store& store() { return store_; }
    model::CredentialStore& credentials() { return credentials_; }
    model::LogStore& logs() { return logs_; }

    // The runtime (tasks on Docker) and the service controller (services at their count).
    void start();
    void stop();

  private:
    // Declaration order is construction order: the Store outlives every service using it.
    model::Store store_;
    model::CredentialStore credentials_;  // temporary credentials STS issued
    std::unique_ptr<protocol::JsonService> ecs_;
    model::LogStore logs_;  // CloudWatch Logs, behind its own lock
    std::unique_ptr<protocol::JsonService> logs_api_;
    std::unique_ptr<protocol::QueryService> sts_;
    protocol::Front front_;
    std::unique_ptr<runtime::Runtime> runtime_;              // runs the Store's tasks on Docker
    runtime::ServiceController service_controller_{store_};  // holds services at their count
};

}  // namespace berth::app
