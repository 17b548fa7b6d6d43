#pragma once
// A request member with three wire states: absent, explicit null, or a value. Cmd and Entrypoint
// need it: the daemon treats [] ("clear the image's entrypoint") unlike null or absent ("inherit
// it"), and the serializer must send exactly what the caller asked for.
#include <optional>
#include <utility>

namespace stackctl::engine {

struct json_null_t {
  explicit constexpr json_null_t(int) {}
};
// Assign to a nullable to send an explicit JSON null: `config.entrypoint = json_null;`.
inline constexpr json_null_t json_null{0};

template <class T>
class nullable {
 public:
  constexpr nullable() noexcept = default;                   // absent
  constexpr nullable(std::nullopt_t) noexcept {}             // absent
  constexpr nullable(json_null_t) noexcept : null_(true) {}  // null
  nullable(T value) : value_(std::move(value)) {}            // a value (may be an empty list)

  bool is_absent() const noexcept { return !value_ && !null_; }
  bool is_null() const noexcept { return null_; }
  bool has_value() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }

  const T& value() const { return value_.value(); }
  T& value() { return value_.value(); }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

  friend bool operator==(const nullable&, const nullable&) = default;

 private:
  std::optional<T> value_;
  bool null_ = false;
};

}  // namespace stackctl::engine
