#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "stackctl/engine/error.hpp"
#include "stackctl/engine/logs_options.hpp"
#include "stackctl/engine/wait_condition.hpp"

namespace stackctl::engine {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TEST(LogsTimestamp, EmptyStaysEmpty) { EXPECT_EQ(to_unix_timestamp(""), ""); }

TEST(LogsTimestamp, UnixSecondsPassThrough) {
  EXPECT_EQ(to_unix_timestamp("1700000000"), "1700000000");
  EXPECT_EQ(to_unix_timestamp("1700000000.5"), "1700000000.5");
}

TEST(LogsTimestamp, Rfc3339InUtcAndWithOffsets) {
  EXPECT_EQ(to_unix_timestamp("2023-11-14T22:13:20Z"), "1700000000");
  EXPECT_EQ(to_unix_timestamp("2023-11-14T23:13:20+01:00"), "1700000000");
  EXPECT_EQ(to_unix_timestamp("2023-11-14T21:13:20-01:00"), "1700000000");
  EXPECT_EQ(to_unix_timestamp("2023-11-14T22:13:20.25Z"), "1700000000.250000000");
}

TEST(LogsTimestamp, DurationsCountBackFromNow) {
  const double before = now_seconds();
  const double ten_minutes_ago = std::stod(to_unix_timestamp("10m"));
  const double after = now_seconds();
  EXPECT_GE(ten_minutes_ago, before - 600 - 1);
  EXPECT_LE(ten_minutes_ago, after - 600 + 1);
  const double composite = std::stod(to_unix_timestamp("1h30m"));
  EXPECT_NEAR(composite, now_seconds() - 5400, 2);
}

TEST(LogsTimestamp, GarbageIsInvalid) {
  for (const char* bad : {"yesterday", "10x", "2023-13", "2023-11-14T22:13:20+0100", "1.2.3"}) {
    try {
      to_unix_timestamp(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const engine_error& e) {
      EXPECT_EQ(e.kind(), error_kind::invalid) << bad;
    }
  }
}

// A duration past int64 nanoseconds (Go's limit, ~2562047h47m) was converted from double
// unchecked: undefined behaviour, in practice a timestamp centuries in the future. Now invalid, as
// Go's ParseDuration says; the largest duration that fits still counts back from now.
TEST(LogsTimestamp, DurationPastTheInt64RangeIsInvalid) {
  for (const char* bad : {"2562048h", "3000000h", "9999999999999999999999s", "1000000000000000000000ns"}) {
    try {
      to_unix_timestamp(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const engine_error& e) {
      EXPECT_EQ(e.kind(), error_kind::invalid) << bad;
    }
  }
  const double longest = std::stod(to_unix_timestamp("2562047h"));
  EXPECT_NEAR(longest, now_seconds() - 2562047.0 * 3600, 2);
}

TEST(WaitCondition, WireNames) {
  EXPECT_EQ(to_string(wait_condition::not_running), "not-running");
  EXPECT_EQ(to_string(wait_condition::next_exit), "next-exit");
  EXPECT_EQ(to_string(wait_condition::removed), "removed");
}

}  // namespace
}  // namespace stackctl::engine
