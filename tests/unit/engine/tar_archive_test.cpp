// make_tar: the ustar layout the daemon's archive extraction reads (PUT /containers/{id}/archive).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "stackctl/engine/tar_archive.hpp"

namespace {

using stackctl::engine::make_tar;
using stackctl::engine::tar_entry;

std::uint64_t octal(const std::string& tar, std::size_t offset, std::size_t width) {
  return std::stoull(tar.substr(offset, width - 1), nullptr, 8);
}

// The checksum field as a tar reader checks it: the header's byte sum with the field as spaces.
bool checksum_ok(const std::string& tar, std::size_t header) {
  std::string h = tar.substr(header, 512);
  auto stored = octal(h, 148, 7);
  for (std::size_t i = 148; i < 156; ++i) h[i] = ' ';
  std::uint64_t sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  return sum == stored;
}

TEST(TarArchive, OneFileHasItsHeaderDataPaddingAndTheEndBlocks) {
  tar_entry e;
  e.name = "/run/secrets/token";
  e.content = "s3cret\n";
  e.mode = 0440;
  e.uid = 1000;
  e.gid = 1001;
  e.mtime = 1700000000;
  const std::string tar = make_tar({e});
  ASSERT_EQ(tar.size(), 512u + 512u + 1024u);
  EXPECT_EQ(tar.substr(0, e.name.size()), e.name);
  EXPECT_EQ(tar[e.name.size()], '\0');
  EXPECT_EQ(octal(tar, 100, 8), 0440u);
  EXPECT_EQ(octal(tar, 108, 8), 1000u);
  EXPECT_EQ(octal(tar, 116, 8), 1001u);
  EXPECT_EQ(octal(tar, 124, 12), 7u);
  EXPECT_EQ(octal(tar, 136, 12), 1700000000u);
  EXPECT_EQ(tar[156], '0');
  EXPECT_EQ(tar.substr(257, 6), std::string("ustar\0", 6));
  EXPECT_EQ(tar.substr(263, 2), "00");
  EXPECT_TRUE(checksum_ok(tar, 0));
  EXPECT_EQ(tar.substr(512, 7), "s3cret\n");
  EXPECT_EQ(tar.find_first_not_of('\0', 512 + 7), std::string::npos);  // padding + end blocks
}

TEST(TarArchive, EmptyContentAndSeveralEntries) {
  const std::string tar =
      make_tar({tar_entry{"a", "", 0644, 0, 0, 0}, tar_entry{"b", std::string(513, 'x'), 0644, 0, 0, 0}});
  // a: header only; b: header + 2 data blocks; then 2 end blocks.
  ASSERT_EQ(tar.size(), 512u * (1 + 1 + 2 + 2));
  EXPECT_EQ(octal(tar, 124, 12), 0u);
  EXPECT_EQ(tar.substr(512, 1), "b");
  EXPECT_EQ(octal(tar, 512 + 124, 12), 513u);
  EXPECT_TRUE(checksum_ok(tar, 0));
  EXPECT_TRUE(checksum_ok(tar, 512));
}

TEST(TarArchive, LongNamesGetAGnuLongLinkRecord) {
  const std::string name = "/" + std::string(150, 'n');
  const std::string tar = make_tar({tar_entry{name, "x", 0644, 0, 0, 0}});
  EXPECT_EQ(tar.substr(0, 13), "././@LongLink");
  EXPECT_EQ(tar[156], 'L');
  EXPECT_EQ(octal(tar, 124, 12), name.size() + 1);
  EXPECT_EQ(tar.substr(512, name.size()), name);
  EXPECT_EQ(tar[1024 + 156], '0');
  EXPECT_TRUE(checksum_ok(tar, 1024));
}

TEST(TarArchive, AnEntryWithoutANameIsRefused) { EXPECT_THROW(make_tar({tar_entry{}}), std::invalid_argument); }

}  // namespace
