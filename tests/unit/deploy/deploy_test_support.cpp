// The fakes' constructors and destructors, out of line so their vtables (and the mock methods they
// reference) are emitted in this one translation unit.
#include "deploy_test_support.hpp"

namespace stackctl::deploy::testing {

fake_containers::fake_containers() = default;
fake_containers::~fake_containers() = default;
fake_networks::fake_networks() = default;
fake_networks::~fake_networks() = default;
fake_volumes::fake_volumes() = default;
fake_volumes::~fake_volumes() = default;
fake_images::fake_images() = default;
fake_images::~fake_images() = default;
fake_execs::fake_execs() = default;
fake_execs::~fake_execs() = default;

}  // namespace stackctl::deploy::testing
