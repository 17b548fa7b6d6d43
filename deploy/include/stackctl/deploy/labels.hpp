#pragma once
// The com.docker.compose.* label names compose v2 puts on containers, networks and volumes. Using
// the same names lets `docker compose` (and docker-compose v1) see a stack that stackctl made.
namespace stackctl::deploy::labels {

inline constexpr const char* project = "com.docker.compose.project";
inline constexpr const char* service = "com.docker.compose.service";
inline constexpr const char* container_number = "com.docker.compose.container-number";
inline constexpr const char* oneoff = "com.docker.compose.oneoff";
inline constexpr const char* config_hash = "com.docker.compose.config-hash";
inline constexpr const char* working_dir = "com.docker.compose.project.working_dir";
inline constexpr const char* config_files = "com.docker.compose.project.config_files";
inline constexpr const char* environment_file = "com.docker.compose.project.environment_file";
inline constexpr const char* version = "com.docker.compose.version";
inline constexpr const char* image = "com.docker.compose.image";
inline constexpr const char* depends_on = "com.docker.compose.depends_on";
inline constexpr const char* replace = "com.docker.compose.replace";
inline constexpr const char* slug = "com.docker.compose.slug";  // a one-off's (run) random id
inline constexpr const char* network = "com.docker.compose.network";
inline constexpr const char* volume = "com.docker.compose.volume";

// stackctl's own: the anonymous volumes a recreated container re-mounted by name from the container
// it replaced (comma-separated). The engine's `v=1` treats a volume mounted by name as named and
// keeps it, so `down -v` removes exactly these — never a volume merely named like one (64 hex), which
// may be an external volume made by `docker volume create`.
inline constexpr const char* inherited_volumes = "stackctl.inherited-volumes";

// stackctl's own: per top-level key of the hashed service ("environment=1a2b3c4d5e6f,..."), a short
// digest, so the next plan can say which keys a changed config-hash comes from.
inline constexpr const char* config_fields = "stackctl.config-fields";

}  // namespace stackctl::deploy::labels
