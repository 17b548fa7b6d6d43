#pragma once
// Private helpers shared by the model serializers: emit-only-if-set writers, tolerant readers
// (missing, null or mistyped members leave the default) and the version gate.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "stackctl/engine/api_version.hpp"

namespace stackctl::engine::detail {

using json = nlohmann::json;

// Throws engine_error(error_kind::version) when `have` is below `need`; `what` names the field.
void require_version(api_version have, api_version need, std::string_view what);

// --- writers: a key is emitted only when the caller set it ---------------------------------------
template <class T>
void put(json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}
inline void put(json& j, const char* key, const std::optional<std::chrono::nanoseconds>& value) {
  if (value) j[key] = static_cast<std::int64_t>(value->count());
}
// Strings, vectors, maps and sets: emitted when non-empty.
template <class C>
void put_nonempty(json& j, const char* key, const C& container) {
  if (!container.empty()) j[key] = container;
}
// A set of keys ("80/tcp") rendered as Go's map[string]struct{}: {"80/tcp": {}}.
template <class Set>
void put_key_set(json& j, const char* key, const Set& keys) {
  if (keys.empty()) return;
  json obj = json::object();
  for (const auto& k : keys) obj[k] = json::object();
  j[key] = std::move(obj);
}

// --- tolerant readers ----------------------------------------------------------------------------
// Reads j[key] into out when present, non-null and of a compatible type; otherwise leaves out.
template <class T>
void get(const json& j, const char* key, T& out) {
  if (!j.is_object()) return;
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  try {
    T value = it->template get<T>();
    out = std::move(value);
  } catch (const json::exception&) {
    // An unexpected type in a reply member we model is not worth failing the call.
  }
}
template <class T>
void get(const json& j, const char* key, std::optional<T>& out) {
  T value{};
  if (!j.is_object()) return;
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  try {
    value = it->template get<T>();
    out = std::move(value);
  } catch (const json::exception&) {
  }
}
inline void get(const json& j, const char* key, std::optional<std::chrono::nanoseconds>& out) {
  std::optional<std::int64_t> ns;
  get(j, key, ns);
  if (ns) out = std::chrono::nanoseconds{*ns};
}
// The keys of an object member ({"80/tcp": {}} → {"80/tcp"}), into any container with insert.
template <class Set>
void get_key_set(const json& j, const char* key, Set& out) {
  if (!j.is_object()) return;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return;
  for (const auto& item : it->items()) out.insert(out.end(), item.key());
}
// The member as an object (or an empty object when missing / not an object), for nested reads.
const json& member(const json& j, const char* key);

}  // namespace stackctl::engine::detail

#include "stackctl/engine/port_binding.hpp"

namespace stackctl::engine::detail {
// {"80/tcp": [{...}], "53/udp": null}: a null (exposed, not published) becomes an empty list.
void get_port_map(const json& j, const char* key, port_map& out);
}  // namespace stackctl::engine::detail
