#include <stackctl/mock_engine/frames.hpp>

#include <limits>
#include <stdexcept>

namespace stackctl::mock_engine {

std::string frame_header(stream_type stream, std::uint32_t declared_size) {
  std::string header(8, '\0');
  header[0] = static_cast<char>(stream);
  header[4] = static_cast<char>((declared_size >> 24) & 0xffU);
  header[5] = static_cast<char>((declared_size >> 16) & 0xffU);
  header[6] = static_cast<char>((declared_size >> 8) & 0xffU);
  header[7] = static_cast<char>(declared_size & 0xffU);
  return header;
}

std::string frame(stream_type stream, std::string_view payload) {
  if (payload.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("mock engine: a frame payload must fit in 32 bits");
  }
  std::string result = frame_header(stream, static_cast<std::uint32_t>(payload.size()));
  result.append(payload);
  return result;
}

}  // namespace stackctl::mock_engine
