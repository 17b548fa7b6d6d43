#pragma once
// The concrete endpoint groups behind the public *_api interfaces. Each group's methods are
// defined in one file per endpoint (or small family), like moby's client/. Private.
#include "client_core.hpp"
#include "stackctl/engine/container_api.hpp"
#include "stackctl/engine/event_api.hpp"
#include "stackctl/engine/exec_api.hpp"
#include "stackctl/engine/image_api.hpp"
#include "stackctl/engine/network_api.hpp"
#include "stackctl/engine/system_api.hpp"
#include "stackctl/engine/volume_api.hpp"

namespace stackctl::engine::detail {

class system_endpoints final : public system_api {
 public:
  explicit system_endpoints(client_core& core) : core_(core) {}
  ping_result ping() override;
  version_info version() override;
  system_info info() override;

 private:
  client_core& core_;
};

class container_endpoints final : public container_api {
 public:
  explicit container_endpoints(client_core& core) : core_(core) {}
  container_create_response create(const container_create_request& request, std::string_view name) override;
  void start(std::string_view id) override;
  void stop(std::string_view id, std::optional<int> timeout_s) override;
  void kill(std::string_view id, std::string_view signal) override;
  void restart(std::string_view id, std::optional<int> timeout_s) override;
  void remove(std::string_view id, const container_remove_options& options) override;
  container_inspect inspect(std::string_view id) override;
  std::vector<container_summary> list(const container_list_options& options) override;
  container_wait_result wait(std::string_view id, wait_condition condition, std::stop_token stop,
                             const std::function<void()>& on_waiting) override;
  void rename(std::string_view id, std::string_view new_name) override;
  void logs(std::string_view id, const logs_options& options, const log_sink& sink, std::stop_token stop) override;
  void put_archive(std::string_view id, std::string_view path, std::string tar,
                   const copy_to_container_options& options) override;
  std::unique_ptr<hijacked_stream> attach(std::string_view id, const container_attach_options& options) override;
  void resize(std::string_view id, int height, int width) override;

 private:
  bool has_tty(std::string_view id);
  client_core& core_;
};

class exec_endpoints final : public exec_api {
 public:
  explicit exec_endpoints(client_core& core) : core_(core) {}
  std::string create(std::string_view container, const exec_create_options& options) override;
  void start_detached(std::string_view exec_id) override;
  std::unique_ptr<hijacked_stream> start_attached(std::string_view exec_id, bool tty) override;
  void resize(std::string_view exec_id, int height, int width) override;
  exec_inspect_result inspect(std::string_view exec_id) override;

 private:
  client_core& core_;
};

class network_endpoints final : public network_api {
 public:
  explicit network_endpoints(client_core& core) : core_(core) {}
  network_create_response create(const network_create_request& request) override;
  network_inspect inspect(std::string_view id_or_name) override;
  std::vector<network_inspect> list(const filters& filter) override;
  void remove(std::string_view id_or_name) override;
  void connect(std::string_view network, std::string_view container, const endpoint_settings& endpoint) override;
  void disconnect(std::string_view network, std::string_view container, bool force) override;

 private:
  client_core& core_;
};

class volume_endpoints final : public volume_api {
 public:
  explicit volume_endpoints(client_core& core) : core_(core) {}
  volume create(const volume_create_request& request) override;
  volume inspect(std::string_view name) override;
  volume_list list(const filters& filter) override;
  void remove(std::string_view name, bool force) override;

 private:
  client_core& core_;
};

class image_endpoints final : public image_api {
 public:
  explicit image_endpoints(client_core& core) : core_(core) {}
  using image_api::import_tar;
  image_inspect inspect(std::string_view reference) override;
  std::vector<image_summary> list(const filters& filter, bool all) override;
  void pull(std::string_view reference, const pull_options& options, const progress_callback& progress,
            std::stop_token stop) override;
  std::string import_image(const body_reader& body, const import_options& options, const progress_callback& progress,
                           std::stop_token stop) override;
  void tag(std::string_view source, std::string_view repo, std::string_view tag) override;
  std::vector<image_delete_item> remove(std::string_view reference, bool force, bool noprune) override;

 private:
  client_core& core_;
};

class event_endpoints final : public event_api {
 public:
  explicit event_endpoints(client_core& core) : core_(core) {}
  void stream(const events_options& options, const event_callback& on_event, std::stop_token stop) override;

 private:
  client_core& core_;
};

// Runs a JSON-lines progress stream (pull, import): every object goes to `progress`, an in-band
// error throws engine_error(stream, "<subject>: <message>"), a stop request throws
// engine_error(cancelled). Returns the last message (import reads the image id from it).
progress_message run_progress_stream(client_core& core, http_request& request, std::string_view subject,
                                     const progress_callback& progress);

}  // namespace stackctl::engine::detail
