#include "stackctl/engine/client.hpp"

#include "client_core.hpp"
#include "endpoints/endpoints.hpp"

namespace stackctl::engine {

struct client::impl {
  explicit impl(client_options options)
      : core(std::move(options)),
        system(core),
        containers(core),
        execs(core),
        networks(core),
        volumes(core),
        images(core),
        events(core) {}

  detail::client_core core;
  detail::system_endpoints system;
  detail::container_endpoints containers;
  detail::exec_endpoints execs;
  detail::network_endpoints networks;
  detail::volume_endpoints volumes;
  detail::image_endpoints images;
  detail::event_endpoints events;
};

client::client(client_options options) : impl_(std::make_unique<impl>(std::move(options))) {}
client::~client() = default;
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;

system_api& client::system() { return impl_->system; }
container_api& client::containers() { return impl_->containers; }
exec_api& client::execs() { return impl_->execs; }
network_api& client::networks() { return impl_->networks; }
volume_api& client::volumes() { return impl_->volumes; }
image_api& client::images() { return impl_->images; }
event_api& client::events() { return impl_->events; }

api_version client::negotiated_version() { return impl_->core.version(); }
const docker_host& client::host() const { return impl_->core.host(); }
const client_options& client::options() const { return impl_->core.options(); }

}  // namespace stackctl::engine
