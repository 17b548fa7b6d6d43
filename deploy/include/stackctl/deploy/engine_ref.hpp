#pragma once
// The engine interfaces deploy talks to, grouped. Built from an engine::client, or from fakes in
// tests (every member is a pure-virtual interface of stackctl::engine).
#include "stackctl/engine/api_version.hpp"
#include "stackctl/engine/container_api.hpp"
#include "stackctl/engine/event_api.hpp"
#include "stackctl/engine/exec_api.hpp"
#include "stackctl/engine/image_api.hpp"
#include "stackctl/engine/network_api.hpp"
#include "stackctl/engine/volume_api.hpp"

namespace stackctl::engine {
class client;
}

namespace stackctl::deploy {

struct engine_ref {
  engine::container_api& containers;
  engine::network_api& networks;
  engine::volume_api& volumes;
  engine::image_api& images;
  engine::api_version version;  // decides e.g. whether every network goes in the create call
  // Optional: with it `logs -f` (and attached `up`) follows restarted and newly started containers
  // and ends when every container has stopped for good; without it, when every stream ended.
  engine::event_api* events = nullptr;
  // Optional: `exec` needs it (deploy_error(invalid) without).
  engine::exec_api* execs = nullptr;
};

// Negotiates the API version (one ping on first use).
engine_ref make_engine_ref(engine::client& client);

}  // namespace stackctl::deploy
