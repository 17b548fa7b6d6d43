// fixtures/conformance/dotenv.json: compose-go dotenv parser vectors. A case with `input` is
// parsed from memory; a case with `files` is written to disk and read with read_env_files,
// as `--env-file a --env-file b` does.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include "conformance_vectors.hpp"
#include "stackctl/model/dotenv.hpp"
#include "stackctl/model/model_error.hpp"

namespace {

namespace fs = std::filesystem;
using stackctl::conformance::vector_case;
using stackctl::model::model_error;

// A scratch directory removed when the test ends, pass or fail.
class scratch_dir {
 public:
  scratch_dir() {
    static std::atomic<int> counter{0};
    path_ = fs::path(testing::TempDir()) /
            ("stackctl-dotenv-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~scratch_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

class dotenv_vectors : public testing::TestWithParam<vector_case> {};

TEST_P(dotenv_vectors, matches_compose) {
  const vector_case& c = GetParam();
  if (!stackctl::conformance::loaded(c)) return;
  const auto& v = c.data;

  std::map<std::string, std::string> env;
  stackctl::model::variable_lookup lookup;  // absent lookup_env: no lookup function at all
  if (v.contains("lookup_env")) {
    env = v.at("lookup_env").get<std::map<std::string, std::string>>();
    lookup = stackctl::model::lookup_in(env);
  }

  scratch_dir dir;
  const auto parse = [&]() -> stackctl::model::env_map {
    if (v.contains("input")) return stackctl::model::parse_dotenv_map(v.at("input").get<std::string>(), lookup);
    std::vector<fs::path> files;
    for (const auto& content : v.at("files")) {
      files.push_back(dir.path() / ("file" + std::to_string(files.size()) + ".env"));
      std::ofstream(files.back(), std::ios::binary) << content.get<std::string>();
    }
    return stackctl::model::read_env_files(files, lookup);
  };

  if (v.value("error", false)) {
    try {
      const auto result = parse();
      ADD_FAILURE() << "expected an error, got " << result.size() << " keys";
    } catch (const model_error& e) {
      // message() is compose-go's text; where() adds the line (and file when read from disk).
      EXPECT_EQ(e.message(), v.at("error_message").get<std::string>());
      EXPECT_GT(e.where().line, 0);
    }
    return;
  }

  const auto result = parse();
  const std::map<std::string, std::string> actual(result.begin(), result.end());
  EXPECT_EQ(actual, (v.at("expected").get<std::map<std::string, std::string>>()));
}

INSTANTIATE_TEST_SUITE_P(compose_go, dotenv_vectors,
                         testing::ValuesIn(stackctl::conformance::load_vectors("dotenv.json")),
                         stackctl::conformance::vector_name);

}  // namespace
