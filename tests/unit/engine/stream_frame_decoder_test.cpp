#include <gtest/gtest.h>

#include <random>
#include <string>

#include "stackctl/engine/error.hpp"
#include "stackctl/engine/streams/frame_decoder.hpp"

namespace stackctl::engine {
namespace {

std::string frame(unsigned char stream, std::string_view payload) {
  std::string out(8, '\0');
  out[0] = static_cast<char>(stream);
  const auto size = static_cast<std::uint32_t>(payload.size());
  out[4] = static_cast<char>((size >> 24) & 0xFF);
  out[5] = static_cast<char>((size >> 16) & 0xFF);
  out[6] = static_cast<char>((size >> 8) & 0xFF);
  out[7] = static_cast<char>(size & 0xFF);
  return out + std::string(payload);
}

struct collected {
  std::string out;
  std::string err;
  frame_decoder decoder{[this](output_stream s, std::string_view bytes) {
    (s == output_stream::stderr_stream ? err : out).append(bytes);
  }};
};

// A sample with an empty frame, a frame bigger than 255 bytes (uses a second length byte),
// stdin (reported as stdout) and interleaved stderr.
std::string sample(std::string& want_out, std::string& want_err) {
  const std::string big(70000, 'x');  // needs three length bytes
  want_out = "hello\n" + big + "in\n" + "bye\n";
  want_err = "oops\n";
  return frame(1, "hello\n") + frame(2, "oops\n") + frame(1, "") + frame(1, big) + frame(0, "in\n") + frame(1, "bye\n");
}

TEST(FrameDecoder, WholeBuffer) {
  std::string want_out, want_err;
  const std::string bytes = sample(want_out, want_err);
  collected c;
  c.decoder.feed(bytes);
  c.decoder.finish();
  EXPECT_EQ(c.out, want_out);
  EXPECT_EQ(c.err, want_err);
}

TEST(FrameDecoder, ByteByByte) {
  std::string want_out, want_err;
  const std::string bytes = sample(want_out, want_err);
  collected c;
  for (char b : bytes) c.decoder.feed(std::string_view(&b, 1));
  EXPECT_TRUE(c.decoder.at_frame_boundary());
  c.decoder.finish();
  EXPECT_EQ(c.out, want_out);
  EXPECT_EQ(c.err, want_err);
}

TEST(FrameDecoder, RandomChunkSizes) {
  std::string want_out, want_err;
  const std::string bytes = sample(want_out, want_err);
  std::mt19937 rng(42);
  for (int round = 0; round < 50; ++round) {
    collected c;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
      const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 4096)(rng);
      c.decoder.feed(std::string_view(bytes).substr(pos, n));
      pos += n;
    }
    c.decoder.finish();
    ASSERT_EQ(c.out, want_out) << "round " << round;
    ASSERT_EQ(c.err, want_err) << "round " << round;
  }
}

TEST(FrameDecoder, SystemErrorFrameThrowsAfterEarlierOutput) {
  const std::string bytes = frame(1, "before\n") + frame(3, "driver failed\n") + frame(1, "after\n");
  collected c;
  try {
    for (char b : bytes) c.decoder.feed(std::string_view(&b, 1));
    FAIL() << "no error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::stream);
    EXPECT_EQ(e.message(), "error from daemon in stream: driver failed");
  }
  EXPECT_EQ(c.out, "before\n");
}

TEST(FrameDecoder, UnknownStreamTypeIsAnError) {
  collected c;
  try {
    c.decoder.feed(frame(7, "x"));
    FAIL() << "no error";
  } catch (const engine_error& e) {
    EXPECT_EQ(e.kind(), error_kind::stream);
    EXPECT_NE(e.message().find("7"), std::string::npos);
  }
}

TEST(FrameDecoder, TruncatedStreamIsReportedAtFinish) {
  collected c;
  const std::string bytes = frame(1, "complete") + frame(1, "cut short");
  c.decoder.feed(std::string_view(bytes).substr(0, bytes.size() - 3));
  EXPECT_FALSE(c.decoder.at_frame_boundary());
  EXPECT_THROW(c.decoder.finish(), engine_error);
  collected header_only;
  header_only.decoder.feed(std::string_view(bytes).substr(0, 5));
  EXPECT_THROW(header_only.decoder.finish(), engine_error);
}

}  // namespace
}  // namespace stackctl::engine
