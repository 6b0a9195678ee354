// The docker module's Client against the real engine: networks, volumes and images.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "integration/support/docker_fixture.hpp"
#include "integration/support/tiny_http_server.hpp"

namespace berth::test {
namespace {

using namespace std::chrono_literals;
using docker::DockerError;
using docker::ErrorKind;

class DockerResourcesTest : public DockerTest {};

TEST_F(DockerResourcesTest, NetworkCreateInspectConnectRemove) {
    const auto name = unique_name("net");
    const auto id = docker().network_create(name, {{"Labels", test_labels()}, {"Internal", true}});
    ASSERT_FALSE(id.empty());

    const auto info = docker().network_inspect(name);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->id, id);
    EXPECT_EQ(info->name, name);
    EXPECT_EQ(info->driver, "bridge");
    EXPECT_FALSE(info->subnet.empty());
    EXPECT_EQ(info->labels.at(k_test_label), run_id());

    const auto listed = docker().network_list({test_label_filter()});
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].id, id);
    EXPECT_TRUE(docker().network_list({test_label_filter() + "-other"}).empty());

    try {
        docker().network_create(name, {{"Labels", test_labels()}});
        ADD_FAILURE() << "a second network of the same name was created";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict) << e.what();
    }

    // Start on a second network of ours ("none" cannot be combined with others), then join.
    const auto home = unique_name("home");
    docker().network_create(home, {{"Labels", test_labels()}, {"Internal", true}});
    auto spec = busybox_spec({"sleep", "600"});
    spec["HostConfig"]["NetworkMode"] = home;
    const auto container = docker().container_create(unique_name("netc"), spec);
    docker().container_start(container);
    docker().network_connect(id, container, {{"Aliases", {"svc"}}});
    auto networks = docker().container_inspect(container).raw["NetworkSettings"]["Networks"];
    ASSERT_TRUE(networks.contains(name)) << networks.dump();
    EXPECT_FALSE(networks[name]["IPAddress"].get<std::string>().empty()) << networks.dump();
    docker().network_disconnect(id, container);
    networks = docker().container_inspect(container).raw["NetworkSettings"]["Networks"];
    EXPECT_FALSE(networks.contains(name)) << networks.dump();
    EXPECT_TRUE(networks.contains(home)) << networks.dump();
    docker().container_remove(container, true);
    docker().network_remove(home);

    docker().network_remove(id);
    EXPECT_FALSE(docker().network_inspect(id));
    try {
        docker().network_remove(id);
        ADD_FAILURE() << "removed a missing network";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::not_found) << e.what();
    }
}

TEST_F(DockerResourcesTest, VolumeCreateListRemove) {
    const auto name = unique_name("vol");
    EXPECT_EQ(docker().volume_create(name, test_labels()), name);
    const auto listed = docker().volume_list({test_label_filter()});
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0], name);

    // A volume in use cannot go; shared between two containers it carries data.
    auto writer = busybox_spec({"sh", "-c", "echo shared > /data/f"});
    writer["HostConfig"]["Binds"] = {name + ":/data"};
    const auto w = docker().container_create(unique_name("volw"), writer);
    docker().container_start(w);
    ASSERT_EQ(docker().container_wait(w, 30s), 0);
    auto reader = busybox_spec({"cat", "/data/f"});
    reader["HostConfig"]["Binds"] = {name + ":/data"};
    const auto r = docker().container_create(unique_name("volr"), reader);
    docker().container_start(r);
    ASSERT_EQ(docker().container_wait(r, 30s), 0);
    EXPECT_EQ(docker().container_logs(r).stdout_text(), "shared\n");
    try {
        docker().volume_remove(name);
        ADD_FAILURE() << "removed a volume in use";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::conflict) << e.what();
    }
    docker().container_remove(w);
    docker().container_remove(r);
    docker().volume_remove(name);
    EXPECT_TRUE(docker().volume_list({test_label_filter()}).empty());
}

TEST_F(DockerResourcesTest, ImageInspect) {
    const auto busybox = docker().image_inspect(k_busybox_image);
    ASSERT_TRUE(busybox);
    EXPECT_TRUE(busybox->id.starts_with("sha256:")) << busybox->id;
    EXPECT_TRUE(busybox->labels.contains("org.berth.test-images.hash"));
    const auto httpd = docker().image_inspect(k_httpd_image);
    ASSERT_TRUE(httpd);
    EXPECT_EQ(httpd->raw["Config"]["Cmd"], docker::Json::array({"httpd-foreground"}));
    EXPECT_FALSE(docker().image_inspect("berth-test/no-such-image:never"));
}

TEST_F(DockerResourcesTest, ImportBuildsAnImageFromATar) {
    const auto dir = "/tmp/" + unique_name("rootfs");
    const auto tar_path = dir + ".tar";
    ASSERT_EQ(std::system(("mkdir -p " + dir + "/bin && cp /bin/busybox " + dir +
                           "/bin/busybox && tar -C " + dir + " -cf " + tar_path + " .")
                              .c_str()),
              0);
    std::ifstream in(tar_path, std::ios::binary);
    std::stringstream tar;
    tar << in.rdbuf();
    std::system(("rm -rf " + dir + " " + tar_path).c_str());

    const auto ref = "berth-it/" + unique_name("import") + ":v1";
    const auto id =
        docker().image_import(tar.str(), ref, {"CMD [\"/bin/busybox\", \"echo\", \"imported\"]"});
    EXPECT_TRUE(id.starts_with("sha256:")) << id;
    const auto image = docker().image_inspect(ref);
    ASSERT_TRUE(image);
    EXPECT_EQ(image->id, id);

    auto spec = busybox_spec({});
    spec["Image"] = ref;
    spec.erase("Cmd");
    const auto c = docker().container_create(unique_name("imported"), spec);
    docker().container_start(c);
    EXPECT_EQ(docker().container_wait(c, 30s), 0);
    EXPECT_EQ(docker().container_logs(c).stdout_text(), "imported\n");
    docker().container_remove(c);
    docker().image_remove(ref);
    EXPECT_FALSE(docker().image_inspect(ref));
}

TEST_F(DockerResourcesTest, PullFromARegistryThatRefusesIsADockerError) {
    try {
        docker().image_pull("127.0.0.1:1/berth-it/never:missing");
        ADD_FAILURE() << "pull succeeded";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::other) << e.what();
        EXPECT_NE(std::string(e.what()).find("127.0.0.1:1"), std::string::npos) << e.what();
    }
}

// A registry whose manifest names blobs it does not have: the engine has already streamed
// "Pulling from ..." with a 200 when the failure comes, so only the stream carries it.
TEST_F(DockerResourcesTest, PullErrorInsideTheStreamIsADockerError) {
    const docker::Json manifest = {
        {"schemaVersion", 2},
        {"mediaType", "application/vnd.docker.distribution.manifest.v2+json"},
        {"config",
         {{"mediaType", "application/vnd.docker.container.image.v1+json"},
          {"size", 10},
          {"digest", "sha256:" + std::string(64, 'a')}}},
        {"layers",
         {{{"mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip"},
           {"size", 10},
           {"digest", "sha256:" + std::string(64, 'b')}}}}};
    TinyHttpServer registry([&](const std::string&, const std::string& path) {
        if (path == "/v2/") return HttpReply{200};
        if (path.find("/manifests/") != std::string::npos) {
            return HttpReply{
                200,
                {{"Content-Type", "application/vnd.docker.distribution.manifest.v2+json"}},
                manifest.dump()};
        }
        return HttpReply{404};
    });
    const auto ref = "127.0.0.1:" + std::to_string(registry.port()) + "/berth-it/broken:v1";
    std::vector<docker::PullProgress> progress;
    try {
        docker().image_pull(ref, [&](const docker::PullProgress& p) { progress.push_back(p); });
        ADD_FAILURE() << "pull of an image without blobs succeeded";
    } catch (const DockerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::other) << e.what();
        EXPECT_NE(std::string(e.what()).find("unknown blob"), std::string::npos) << e.what();
    }
    ASSERT_FALSE(progress.empty()) << "the error did not come inside the stream";
    EXPECT_TRUE(progress[0].status.starts_with("Pulling from")) << progress[0].status;
    EXPECT_FALSE(docker().image_inspect(ref));
}

}  // namespace
}  // namespace berth::test
