// Encoding and strict decoding of the firmware file that carries frozen modules.
#include "firmware/supervisor/frozen_image.hpp"

#include <array>
#include <cstdint>

namespace cpy::firmware {

namespace {

void put_u16(std::string& out, std::size_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}

void put_u32(std::string& out, std::size_t v) {
  put_u16(out, v & 0xffff);
  put_u16(out, (v >> 16) & 0xffff);
}

class Cursor {
 public:
  Cursor(std::string_view bytes, std::string_view origin) : m_bytes(bytes), m_origin(origin) {}

  bool take(std::size_t n, std::string_view what, std::string_view& out) {
    if (m_bytes.size() - m_pos < n) {
      m_error = "truncated firmware file " + std::string(m_origin) + " at offset " + std::to_string(m_pos) +
                " while reading " + std::string(what);
      return false;
    }
    out = m_bytes.substr(m_pos, n);
    m_pos += n;
    return true;
  }
  bool u16(std::string_view what, std::size_t& out) { return integer(2, what, out); }
  bool u32(std::string_view what, std::size_t& out) { return integer(4, what, out); }
  std::size_t pos() const { return m_pos; }
  const std::string& error() const { return m_error; }

 private:
  bool integer(std::size_t size, std::string_view what, std::size_t& out) {
    std::string_view raw;
    if (!take(size, what, raw)) return false;
    out = 0;
    for (std::size_t i = 0; i < size; ++i)
      out |= static_cast<std::size_t>(static_cast<unsigned char>(raw[i])) << (8 * i);
    return true;
  }
  std::string_view m_bytes;
  std::string_view m_origin;
  std::size_t m_pos = 0;
  std::string m_error;
};

FirmwareError bad(std::string_view origin, const std::string& what) {
  return {"bad firmware file " + std::string(origin) + ": " + what};
}

}  // namespace

unsigned crc32(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::string FrozenImage::encode() const {
  std::string out(k_magic);
  put_u16(out, k_format_version);
  put_u16(out, 0);
  put_u16(out, board_id.size());
  out += board_id;
  put_u32(out, modules.size());
  for (const auto& [path, mpy] : modules) {
    put_u16(out, path.size());
    out += path;
    put_u32(out, mpy.size());
    out += mpy;
  }
  put_u32(out, crc32(out));
  return out;
}

FwResult<FrozenImage> FrozenImage::decode(std::string_view bytes, std::string_view origin) {
  if (bytes.substr(0, k_magic.size()) != k_magic) return bad(origin, "not a cpytool firmware file (bad magic)");
  if (bytes.size() < k_magic.size() + 4) return bad(origin, "truncated header");
  std::string_view body = bytes.substr(0, bytes.size() - 4);
  Cursor trailer(bytes.substr(bytes.size() - 4), origin);
  std::size_t stored_crc = 0;
  trailer.u32("checksum", stored_crc);
  if (stored_crc != crc32(body)) return bad(origin, "checksum mismatch (file damaged)");

  Cursor in(body, origin);
  std::string_view skip;
  std::size_t version = 0, reserved = 0, id_len = 0, count = 0;
  in.take(k_magic.size(), "magic", skip);
  if (!in.u16("format version", version) || !in.u16("reserved", reserved)) return FirmwareError{in.error()};
  if (version != k_format_version)
    return bad(origin, "format version " + std::to_string(version) + " is not supported (this cpytool reads " +
                           std::to_string(k_format_version) + ")");
  FrozenImage image;
  std::string_view text;
  if (!in.u16("board id length", id_len) || !in.take(id_len, "board id", text) || !in.u32("module count", count))
    return FirmwareError{in.error()};
  image.board_id = std::string(text);
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t name_len = 0, data_len = 0;
    std::string_view name, data;
    if (!in.u16("module name length", name_len) || !in.take(name_len, "module name", name) ||
        !in.u32("module size", data_len) || !in.take(data_len, "module bytes", data))
      return FirmwareError{in.error()};
    if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos)
      return bad(origin, "invalid module path '" + std::string(name) + "'");
    if (!image.modules.emplace(std::string(name), std::string(data)).second)
      return bad(origin, "module '" + std::string(name) + "' appears twice");
  }
  if (in.pos() != body.size()) return bad(origin, "unexpected bytes after the last module");
  return image;
}

std::vector<std::string> FrozenImage::help_names() const {
  std::vector<std::string> names;
  for (const auto& [path, mpy] : modules) {
    std::string name = path;
    if (name.ends_with(".py")) name.resize(name.size() - 3);
    if (name.ends_with(".mpy")) name.resize(name.size() - 4);
    names.push_back(name);
  }
  return names;
}

}  // namespace cpy::firmware
