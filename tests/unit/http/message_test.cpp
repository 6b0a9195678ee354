#include "berth/http/message.hpp"

#include <gtest/gtest.h>

namespace berth::http {
namespace {

TEST(Request, HeaderReturnsValueOrEmpty) {
    Request request;
    request.headers["x-amz-target"] = "Svc.Op";
    EXPECT_EQ(request.header("x-amz-target"), "Svc.Op");
    EXPECT_EQ(request.header("authorization"), "");
}

}  // namespace
}  // namespace berth::http
