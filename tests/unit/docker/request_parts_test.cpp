// Pure pieces of request building and response reading: queries, paths, image references,
// line splitting, status → error kind, Engine JSON → typed views.
#include <gtest/gtest.h>

#include "docker/image_ref.hpp"
#include "docker/json_lines.hpp"
#include "docker/parse.hpp"
#include "docker/query.hpp"
#include "docker/response_error.hpp"

namespace berth::docker {
namespace {

TEST(Query, EncodesKeysAndValues) {
    Query q;
    q.add("name", "web app/1").add_bool("all", true).add_bool("force", false);
    EXPECT_EQ(q.str(), "?name=web%20app%2F1&all=1&force=0");
    EXPECT_EQ(Query().str(), "");
}

TEST(Query, FiltersAreJsonAndSkipEmptyLists) {
    Query q;
    q.add_filters({{"label", {"a=b", "c"}}, {"name", {}}, {"type", {"container"}}});
    EXPECT_EQ(q.str(), "?filters=" + url_encode(R"({"label":["a=b","c"],"type":["container"]})"));
    Query empty;
    empty.add_filters({{"label", {}}});
    EXPECT_EQ(empty.str(), "");
}

TEST(Query, ResourcePathKeepsImageSeparators) {
    EXPECT_EQ(resource_path("images", "public.ecr.aws/docker/library/httpd:latest", "/json"),
              "/images/public.ecr.aws/docker/library/httpd:latest/json");
    EXPECT_EQ(resource_path("containers", "a b?c"), "/containers/a%20b%3Fc");
}

TEST(ImageRef, Splits) {
    auto r = split_image_ref("busybox");
    EXPECT_EQ(r.name, "busybox");
    EXPECT_EQ(r.tag, "latest");
    r = split_image_ref("public.ecr.aws/docker/library/httpd:2.4");
    EXPECT_EQ(r.name, "public.ecr.aws/docker/library/httpd");
    EXPECT_EQ(r.tag, "2.4");
    r = split_image_ref("localhost:5000/app");
    EXPECT_EQ(r.name, "localhost:5000/app");
    EXPECT_EQ(r.tag, "latest");
    r = split_image_ref("localhost:5000/app:v2");
    EXPECT_EQ(r.name, "localhost:5000/app");
    EXPECT_EQ(r.tag, "v2");
    r = split_image_ref("nginx@sha256:0123abcd");
    EXPECT_EQ(r.name, "nginx");
    EXPECT_EQ(r.tag, "sha256:0123abcd");
}

TEST(LineSplitter, HandlesSplitLinesCrLfAndBlanks) {
    LineSplitter s;
    std::vector<std::string> lines;
    auto collect = [&](std::string_view l) { lines.emplace_back(l); };
    s.feed("{\"a\":1}\r\n{\"b\"", collect);
    s.feed(":2}\n\n", collect);
    s.feed("{\"c\":3}", collect);
    EXPECT_EQ(lines, (std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"}));
    EXPECT_EQ(s.rest(), "{\"c\":3}");
}

TEST(ResponseError, StatusToKind) {
    EXPECT_EQ(kind_for_status(404), ErrorKind::not_found);
    EXPECT_EQ(kind_for_status(409), ErrorKind::conflict);
    EXPECT_EQ(kind_for_status(500), ErrorKind::other);
    EXPECT_EQ(kind_for_status(400), ErrorKind::other);
    EXPECT_TRUE(is_success(204));
    EXPECT_TRUE(is_success(304));
    EXPECT_FALSE(is_success(404));
}

TEST(ResponseError, CarriesEngineMessage) {
    const Request request{.method = "GET", .target = "/v1.41/containers/x/json"};
    const auto e =
        response_error({404, R"({"message":"No such container: x"})", "application/json"}, request);
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_STREQ(e.what(), "No such container: x");
    EXPECT_FALSE(e.retryable());
    const auto plain = response_error({500, "boom\n", "text/plain"}, request);
    EXPECT_STREQ(plain.what(), "boom");
    const auto empty = response_error({502, "", ""}, request);
    EXPECT_NE(std::string(empty.what()).find("502"), std::string::npos);
}

TEST(DockerError, RetryableKinds) {
    EXPECT_TRUE(DockerError(ErrorKind::unreachable, 0, "x").retryable());
    EXPECT_TRUE(DockerError(ErrorKind::timeout, 0, "x").retryable());
    EXPECT_FALSE(DockerError(ErrorKind::conflict, 409, "x").retryable());
    EXPECT_EQ(to_string(ErrorKind::unreachable), "unreachable");
}

TEST(Parse, ContainerDetails) {
    const auto json = Json::parse(R"({
        "Id": "abc", "Name": "/web", "Image": "sha256:img",
        "Config": {"Image": "busybox", "Tty": false, "Labels": {"k": "v"}},
        "State": {"Status": "exited", "Running": false, "OOMKilled": true, "ExitCode": 137,
                  "Pid": 0, "StartedAt": "2024-01-01T00:00:00Z", "Health": {"Status": "unhealthy"}}
    })");
    const auto d = parse_container_details(json);
    EXPECT_EQ(d.id, "abc");
    EXPECT_EQ(d.name, "web");
    EXPECT_EQ(d.image, "busybox");
    EXPECT_EQ(d.image_id, "sha256:img");
    EXPECT_EQ(d.state.status, "exited");
    EXPECT_TRUE(d.state.oom_killed);
    EXPECT_EQ(d.state.exit_code, 137);
    EXPECT_EQ(d.state.health, "unhealthy");
    EXPECT_EQ(d.labels.at("k"), "v");
    EXPECT_EQ(d.raw["Config"]["Image"], "busybox");
}

TEST(Parse, MissingAndNullMembersReadAsEmpty) {
    const auto d = parse_container_details(Json::parse(R"({"Id":"x","Config":{"Labels":null}})"));
    EXPECT_EQ(d.id, "x");
    EXPECT_TRUE(d.labels.empty());
    EXPECT_EQ(d.state.health, "");
    const auto s = parse_container_summary(Json::parse(R"({"Id":"y","Names":["/a","/b"]})"));
    EXPECT_EQ(s.names, (std::vector<std::string>{"a", "b"}));
}

TEST(Parse, SystemInfoAndNetwork) {
    const auto info = parse_system_info(Json::parse(
        R"json({"NCPU": 2, "MemTotal": 25275961344, "ServerVersion": "20.10.24",
            "OperatingSystem": "Debian GNU/Linux 12 (bookworm)", "CgroupVersion": "2"})json"));
    EXPECT_EQ(info.ncpu, 2);
    EXPECT_EQ(info.mem_total, 25275961344);
    EXPECT_EQ(info.operating_system, "Debian GNU/Linux 12 (bookworm)");
    EXPECT_TRUE(info.runtimes.empty());
    const auto gpu = parse_system_info(Json::parse(
        R"({"Runtimes": {"runc": {"path": "runc"}, "nvidia": {"path": "nvidia-container-runtime"}}})"));
    EXPECT_EQ(gpu.runtimes, (std::vector<std::string>{"nvidia", "runc"}));  // as JSON orders keys
    const auto net = parse_network_info(Json::parse(
        R"({"Id":"n1","Name":"berth","Driver":"bridge",
            "IPAM":{"Config":[{"Subnet":"172.30.0.0/16","Gateway":"172.30.0.1"}]}})"));
    EXPECT_EQ(net.subnet, "172.30.0.0/16");
    EXPECT_EQ(net.gateway, "172.30.0.1");
}

}  // namespace
}  // namespace berth::docker
