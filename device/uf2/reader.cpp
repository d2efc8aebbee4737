// Strict UF2 reader: every block's magic numbers, flags, numbering and payload are checked; overlaps are errors.
#include "device/uf2/reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "device/uf2/families.hpp"
#include "device/uf2/format.hpp"

namespace cpy::uf2 {

namespace {

struct Header {
  std::uint32_t flags, address, payload_size, block_no, num_blocks, family_or_size;
};

class BlockReader {
 public:
  BlockReader(std::span<const std::uint8_t> bytes, const std::string& name) : m_bytes(bytes), m_name(name) {}

  Result<Image> read() {
    CPY_CHECK(check_length());
    const std::size_t count = m_bytes.size() / k_block_size;
    for (std::size_t i = 0; i < count; ++i) CPY_CHECK(read_block(i));
    CPY_CHECK(check_last_section_complete());
    CPY_CHECK(check_overlaps());
    m_image.block_count = count;
    return std::move(m_image);
  }

 private:
  Status check_length() const {
    if (m_bytes.empty()) return make_error(ExitCode::bad_input, m_name + ": empty file, not a UF2 image");
    if (m_bytes.size() < 4 || load_u32(m_bytes.data()) != k_magic_start0)
      return make_error(ExitCode::bad_input, m_name + ": not a UF2 file (no UF2 magic at byte offset 0)",
                        "a .bin or .hex file can be converted with 'cpytool uf2 convert'");
    if (m_bytes.size() % k_block_size != 0) {
      const std::size_t tail = m_bytes.size() % k_block_size;
      return make_error(ExitCode::bad_input,
                        m_name + ": " + std::to_string(tail) + " trailing bytes at byte offset " +
                            std::to_string(m_bytes.size() - tail) + " (a UF2 file is whole 512-byte blocks)",
                        "the file is probably truncated; download it again");
    }
    return ok_status();
  }

  Error block_error(std::size_t index, Field field, const std::string& what) const {
    const std::size_t offset = index * k_block_size + static_cast<std::size_t>(field);
    return make_error(ExitCode::bad_input, m_name + ": block " + std::to_string(index) + " at byte offset " +
                                               std::to_string(offset) + ": " + what);
  }

  std::uint32_t field(std::size_t index, Field f) const {
    return load_u32(m_bytes.data() + index * k_block_size + static_cast<std::size_t>(f));
  }

  Status check_magic(std::size_t index) const {
    const auto expect = [&](Field f, std::uint32_t want, const char* which) -> Status {
      const std::uint32_t got = field(index, f);
      if (got == want) return ok_status();
      return block_error(index, f, std::string("bad ") + which + " magic " + hex32(got) + ", expected " + hex32(want));
    };
    CPY_CHECK(expect(Field::magic_start0, k_magic_start0, "first"));
    CPY_CHECK(expect(Field::magic_start1, k_magic_start1, "second"));
    const std::uint32_t end = load_u32(m_bytes.data() + index * k_block_size + k_end_magic_offset);
    if (end != k_magic_end) {
      const std::size_t offset = index * k_block_size + k_end_magic_offset;
      return make_error(ExitCode::bad_input, m_name + ": block " + std::to_string(index) + " at byte offset " +
                                                 std::to_string(offset) + ": bad end magic " + hex32(end) +
                                                 ", expected " + hex32(k_magic_end));
    }
    return ok_status();
  }

  Header header(std::size_t index) const {
    return {field(index, Field::flags),        field(index, Field::target_address),
            field(index, Field::payload_size), field(index, Field::block_no),
            field(index, Field::num_blocks),   field(index, Field::family_or_file_size)};
  }

  Status check_flags(std::size_t index, const Header& h) const {
    if (h.flags & ~k_known_flags)
      return block_error(index, Field::flags, "unknown flag bits " + hex32(h.flags & ~k_known_flags));
    if (h.flags & k_flag_file_container)
      return block_error(index, Field::flags, "file-container block (a UF2 carrying files, not a flash image)");
    return ok_status();
  }

  Status check_payload(std::size_t index, const Header& h) const {
    const std::size_t room = (h.flags & k_flag_md5) ? k_max_payload - 24 : k_max_payload;
    if (h.payload_size == 0 || h.payload_size > room)
      return block_error(
          index, Field::payload_size,
          "payload size " + std::to_string(h.payload_size) + " (must be 1.." + std::to_string(room) + ")");
    if (std::uint64_t{h.address} + h.payload_size > 0x100000000ull)
      return block_error(index, Field::target_address,
                         "payload at " + hex32(h.address) + " runs past the end of the 32-bit address space");
    return ok_status();
  }

  Status check_numbering(std::size_t index, const Header& h) {
    if (h.num_blocks == 0) return block_error(index, Field::num_blocks, "total block count is 0");
    if (h.block_no >= h.num_blocks)
      return block_error(
          index, Field::block_no,
          "block number " + std::to_string(h.block_no) + " is not below the total " + std::to_string(h.num_blocks));
    const std::optional<std::uint32_t> family =
        (h.flags & k_flag_family_id) ? std::optional<std::uint32_t>(h.family_or_size) : std::nullopt;
    if (m_expected_no == 0) return start_section(index, h, family);
    if (h.block_no != m_expected_no)
      return block_error(index, Field::block_no,
                         "block number " + std::to_string(h.block_no) + ", expected " + std::to_string(m_expected_no) +
                             " (missing, repeated or reordered blocks)");
    Section& section = m_image.sections.back();
    if (h.num_blocks != section.block_count)
      return block_error(index, Field::num_blocks,
                         "total block count " + std::to_string(h.num_blocks) + " differs from " +
                             std::to_string(section.block_count) + " in block " + std::to_string(section.first_block));
    if (family != section.family)
      return block_error(index, family ? Field::family_or_file_size : Field::flags,
                         "family " + (family ? describe_family(*family) : std::string("(none)")) + " differs from " +
                             (section.family ? describe_family(*section.family) : std::string("(none)")) +
                             " in block " + std::to_string(section.first_block));
    advance(h);
    return ok_status();
  }

  Status start_section(std::size_t index, const Header& h, std::optional<std::uint32_t> family) {
    if (h.block_no != 0)
      return block_error(index, Field::block_no,
                         "block number " + std::to_string(h.block_no) + ", expected 0 (the start of a sequence)");
    m_image.sections.push_back({family, index, h.num_blocks});
    advance(h);
    return ok_status();
  }

  void advance(const Header& h) { m_expected_no = h.block_no + 1 == h.num_blocks ? 0 : h.block_no + 1; }

  Status read_block(std::size_t index) {
    CPY_CHECK(check_magic(index));
    const Header h = header(index);
    CPY_CHECK(check_flags(index, h));
    CPY_CHECK(check_payload(index, h));
    CPY_CHECK(check_numbering(index, h));
    m_image.payload_sizes.insert(h.payload_size);
    if (h.flags & k_flag_md5) ++m_image.md5_blocks;
    if (h.flags & k_flag_extension_tags) ++m_image.extension_tag_blocks;
    if (h.flags & k_flag_not_main_flash) {
      ++m_image.not_main_flash_blocks;
      return ok_status();
    }
    const auto* data = m_bytes.data() + index * k_block_size + k_data_offset;
    Chunk chunk{h.address, m_image.sections.back().family, index, {data, data + h.payload_size}};
    m_image.chunks.push_back(std::move(chunk));
    return ok_status();
  }

  Status check_last_section_complete() const {
    if (m_expected_no == 0) return ok_status();
    const Section& section = m_image.sections.back();
    return make_error(ExitCode::bad_input,
                      m_name + ": the file ends after block " + std::to_string(m_expected_no - 1) +
                          " of a sequence of " + std::to_string(section.block_count) + " blocks starting at block " +
                          std::to_string(section.first_block) + " (byte offset " + std::to_string(m_bytes.size()) + ")",
                      "the file is probably truncated; download it again");
  }

  Status check_overlaps() const {
    std::vector<const Chunk*> order;
    for (const auto& chunk : m_image.chunks) order.push_back(&chunk);
    std::sort(order.begin(), order.end(), [](const Chunk* a, const Chunk* b) {
      return std::pair(a->family, a->address) < std::pair(b->family, b->address);
    });
    for (std::size_t i = 1; i < order.size(); ++i) {
      const Chunk& prev = *order[i - 1];
      const Chunk& cur = *order[i];
      if (prev.family != cur.family || std::uint64_t{prev.address} + prev.data.size() <= cur.address) continue;
      const Chunk& later = prev.block_index > cur.block_index ? prev : cur;
      const Chunk& earlier = prev.block_index > cur.block_index ? cur : prev;
      return block_error(later.block_index, Field::target_address,
                         "payload at " + hex32(later.address) + ".." + hex32(later.address + later.data.size() - 1) +
                             " overlaps block " + std::to_string(earlier.block_index) + " at " +
                             hex32(earlier.address) + ".." + hex32(earlier.address + earlier.data.size() - 1));
    }
    return ok_status();
  }

  std::span<const std::uint8_t> m_bytes;
  const std::string& m_name;
  Image m_image;
  std::uint32_t m_expected_no = 0;
};

}  // namespace

Result<Image> read_uf2(std::span<const std::uint8_t> bytes, const std::string& name) {
  return BlockReader(bytes, name).read();
}

Result<Image> read_uf2_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return make_error(ExitCode::io, path + " is a folder, not a UF2 file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ExitCode::io, "cannot read " + path, "check that the file exists");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return make_error(ExitCode::io, "error while reading " + path);
  return read_uf2(bytes, path);
}

}  // namespace cpy::uf2
