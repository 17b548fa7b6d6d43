#include <gtest/gtest.h>

#include "stackctl/engine/http_error.hpp"

namespace stackctl::engine {
namespace {

TEST(HttpError, KindFollowsTheStatus) {
  struct row {
    long status;
    error_kind kind;
  };
  for (const row& r : {row{400, error_kind::invalid}, row{401, error_kind::unauthorized},
                       row{403, error_kind::forbidden}, row{404, error_kind::not_found}, row{409, error_kind::conflict},
                       row{304, error_kind::not_modified}, row{422, error_kind::invalid}, row{500, error_kind::server},
                       row{501, error_kind::server}, row{503, error_kind::unavailable}}) {
    const engine_error e = http_error(r.status, R"({"message":"x"})", "GET", "/v1.41/x");
    EXPECT_EQ(e.kind(), r.kind) << r.status;
    EXPECT_EQ(e.status(), r.status);
  }
}

TEST(HttpError, UsesTheDaemonsMessage) {
  const engine_error e =
      http_error(404, "{\"message\":\"No such container: web\"}\n", "POST", "/v1.41/containers/web/start");
  EXPECT_EQ(e.kind(), error_kind::not_found);
  EXPECT_EQ(e.message(), "No such container: web");
  EXPECT_STREQ(e.what(), "No such container: web");
  EXPECT_EQ(e.method(), "POST");
  EXPECT_EQ(e.path(), "/v1.41/containers/web/start");
}

TEST(HttpError, FallsBackToTheRawBody) {
  EXPECT_EQ(http_error(500, "page not found\n", "GET", "/x").message(), "page not found");
  EXPECT_EQ(http_error(400, R"({"error":"odd"})", "GET", "/x").message(), R"({"error":"odd"})");
}

TEST(HttpError, EmptyBodyHintsAtTheApiVersion) {
  const engine_error e = http_error(404, "", "GET", "/v1.47/containers/json");
  EXPECT_EQ(e.kind(), error_kind::not_found);
  EXPECT_NE(e.message().find("API version"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("/v1.47/containers/json"), std::string::npos) << e.message();
}

}  // namespace
}  // namespace stackctl::engine
