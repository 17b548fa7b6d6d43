#pragma once
// Network endpoints.
#include <string_view>
#include <vector>

#include "stackctl/engine/filters.hpp"
#include "stackctl/engine/network.hpp"
#include "stackctl/engine/networking_config.hpp"

namespace stackctl::engine {

class network_api {
 public:
  virtual ~network_api() = default;

  // POST /networks/create (201).
  virtual network_create_response create(const network_create_request& request) = 0;
  // GET /networks/{id-or-name}.
  virtual network_inspect inspect(std::string_view id_or_name) = 0;
  // GET /networks?filters= (name= matches part of a name: compare exactly yourself).
  virtual std::vector<network_inspect> list(const filters& filter = {}) = 0;
  // DELETE /networks/{id}.
  virtual void remove(std::string_view id_or_name) = 0;
  // POST /networks/{id}/connect {"Container", "EndpointConfig"}.
  virtual void connect(std::string_view network, std::string_view container,
                       const endpoint_settings& endpoint = {}) = 0;
  // POST /networks/{id}/disconnect {"Container", "Force"}.
  virtual void disconnect(std::string_view network, std::string_view container, bool force = false) = 0;
};

}  // namespace stackctl::engine
