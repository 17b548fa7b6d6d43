#include "stackctl/engine/tar_archive.hpp"

#include <array>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace stackctl::engine {
namespace {

constexpr std::size_t kBlock = 512;

// An octal number right-aligned in `width` bytes with a NUL at the end (ustar numeric field).
void put_octal(char* field, std::size_t width, std::uint64_t value) {
  auto text = fmt::format("{:0{}o}", value, width - 1);
  if (text.size() > width - 1) throw std::invalid_argument("tar: a numeric field does not fit");
  std::memcpy(field, text.data(), text.size());
  field[width - 1] = '\0';
}

void pad(std::string& out) {
  if (auto rest = out.size() % kBlock; rest != 0) out.append(kBlock - rest, '\0');
}

void header(std::string& out, const std::string& name, char type, std::uint64_t size, const tar_entry& e) {
  std::array<char, kBlock> h{};
  std::memcpy(h.data(), name.data(), std::min<std::size_t>(name.size(), 100));
  put_octal(h.data() + 100, 8, e.mode & 07777);
  put_octal(h.data() + 108, 8, static_cast<std::uint64_t>(e.uid));
  put_octal(h.data() + 116, 8, static_cast<std::uint64_t>(e.gid));
  put_octal(h.data() + 124, 12, size);
  put_octal(h.data() + 136, 12, static_cast<std::uint64_t>(e.mtime));
  h[156] = type;
  std::memcpy(h.data() + 257, "ustar\0", 6);  // magic "ustar\0", version "00"
  std::memcpy(h.data() + 263, "00", 2);
  // The checksum is computed with its own field as eight spaces.
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  auto text = fmt::format("{:06o}", sum);
  std::memcpy(h.data() + 148, text.data(), 6);
  h[154] = '\0';
  h[155] = ' ';
  out.append(h.data(), h.size());
}

}  // namespace

std::string make_tar(const std::vector<tar_entry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    if (e.name.empty()) throw std::invalid_argument("tar: an entry has no name");
    if (e.name.size() > 100) {  // GNU long name: a 'L' record whose data is the name
      header(out, "././@LongLink", 'L', e.name.size() + 1, e);
      out += e.name;
      out += '\0';
      pad(out);
    }
    header(out, e.name, '0', e.content.size(), e);
    out += e.content;
    pad(out);
  }
  out.append(2 * kBlock, '\0');
  return out;
}

}  // namespace stackctl::engine
