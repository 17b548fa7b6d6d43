#include <stackctl/mock_engine/chunking.hpp>

#include <stdexcept>

namespace stackctl::mock_engine {

std::vector<std::string> split_every(std::string_view data, std::size_t size) {
  if (size == 0) throw std::invalid_argument("mock engine: split_every needs a size above 0");
  std::vector<std::string> pieces;
  for (std::size_t at = 0; at < data.size(); at += size) {
    pieces.emplace_back(data.substr(at, size));
  }
  return pieces;
}

std::vector<std::string> split_at(std::string_view data, const std::vector<std::size_t>& offsets) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (const auto offset : offsets) {
    if (offset <= start) {
      throw std::invalid_argument("mock engine: split_at offsets must be ascending and above 0");
    }
    if (offset >= data.size()) {
      throw std::invalid_argument("mock engine: a split_at offset is past the end of the data");
    }
    pieces.emplace_back(data.substr(start, offset - start));
    start = offset;
  }
  pieces.emplace_back(data.substr(start));
  return pieces;
}

}  // namespace stackctl::mock_engine
