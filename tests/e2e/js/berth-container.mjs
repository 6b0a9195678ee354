// Berth as a Testcontainers module: `await new BerthContainer(image).start()` runs Berth's image
// as README "Berth in a container" says and waits for its HEALTHCHECK; `.endpoint` is the URL
// to give the AWS SDK, `.stop()` lets Berth stop and remove its tasks first. Copy this file into
// a suite of your own (it needs only the `testcontainers` package).
//
// Why each setting: Berth starts its tasks as siblings on the engine behind the socket; it
// listens on the host's network (the Docker networks' gateways serve the tasks' metadata and
// credentials, and awsvpc addresses are the host's routes), and it enters each task's network
// namespace by the host's pid (nsenter, iptables: the 169.254.170.2 redirect), so it needs the
// host's pid namespace, CAP_SYS_ADMIN and CAP_NET_ADMIN. With the host's network there is no port
// mapping: Berth listens on 127.0.0.1:`port` of the host.
import { GenericContainer, Wait } from "testcontainers";

export class BerthContainer extends GenericContainer {
  constructor(image = "berth:latest", port = 4566) {
    super(image);
    this.port = port;
    this.withNetworkMode("host")
      .withAddedCapabilities("SYS_ADMIN", "NET_ADMIN")
      .withBindMounts([{ source: "/var/run/docker.sock", target: "/var/run/docker.sock" }])
      .withEnvironment({ BERTH_LISTEN: `127.0.0.1:${port}` })
      .withWaitStrategy(Wait.forHealthCheck());
    this.hostConfig.PidMode = "host"; // Testcontainers has no builder method for it
  }

  async start() {
    const started = await super.start();
    // Testcontainers stops with SIGKILL at once by default, which would leave Berth's tasks
    // running; on SIGTERM Berth stops and removes them (each with its stopTimeout) first.
    const stop = started.stop.bind(started);
    started.stop = (options = {}) => stop({ timeout: 30_000, ...options });
    started.endpoint = `http://127.0.0.1:${this.port}`;
    return started;
  }
}
