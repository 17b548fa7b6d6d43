#include <gtest/gtest.h>

#include "stackctl/engine/error.hpp"
#include "stackctl/engine/image_reference.hpp"

namespace stackctl::engine {
namespace {

void expect_split(std::string_view reference, std::string_view name, std::string_view tag) {
  const pull_reference ref = split_pull_reference(reference);
  EXPECT_EQ(ref.name, name) << reference;
  EXPECT_EQ(ref.tag, tag) << reference;
}

TEST(PullReference, BareNameGetsLatest) { expect_split("nginx", "nginx", "latest"); }

TEST(PullReference, NameAndTag) {
  expect_split("nginx:1.25", "nginx", "1.25");
  expect_split("library/busybox:stable-musl", "library/busybox", "stable-musl");
}

TEST(PullReference, RegistryPortIsNotATag) {
  expect_split("registry:5000/a/b:tag", "registry:5000/a/b", "tag");
  expect_split("registry:5000/a/b", "registry:5000/a/b", "latest");
  expect_split("localhost:5000/app", "localhost:5000/app", "latest");
}

TEST(PullReference, DigestIsSentAsTheTag) {
  const std::string digest = "sha256:" + std::string(64, 'a');
  expect_split("a@" + digest, "a", digest);
  expect_split("registry:5000/a/b@" + digest, "registry:5000/a/b", digest);
  expect_split("a:1.0@" + digest, "a", digest);  // the digest wins
}

TEST(PullReference, MalformedReferencesAreInvalid) {
  for (std::string_view bad : {"", "a:", "@sha256:abc", "a@", ":tag"}) {
    try {
      split_pull_reference(bad);
      ADD_FAILURE() << "accepted \"" << bad << "\"";
    } catch (const engine_error& e) {
      EXPECT_EQ(e.kind(), error_kind::invalid);
    }
  }
}

}  // namespace
}  // namespace stackctl::engine
