#pragma once
// An Engine API version ("1.41"): parsed, compared, printed. The client negotiates one per
// daemon and every version-dependent request field is gated against it.
#include <compare>
#include <string>
#include <string_view>

namespace stackctl::engine {

struct api_version {
  int major = 1;
  int minor = 0;

  // Throws std::invalid_argument for anything that is not "<digits>.<digits>".
  static api_version parse(std::string_view text);

  std::string to_string() const;  // "1.41"

  friend constexpr auto operator<=>(const api_version&, const api_version&) = default;  // NOLINT(modernize-use-nullptr)
};

// The versions this client models. Older daemons are refused; newer ones are spoken to at kMax.
inline constexpr api_version kMinApiVersion{1, 40};
inline constexpr api_version kMaxApiVersion{1, 47};

}  // namespace stackctl::engine
