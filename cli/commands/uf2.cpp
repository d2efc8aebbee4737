// `cpytool uf2 info|convert|extract`: inspect UF2 firmware files and convert between .bin and .uf2.
#include <charconv>
#include <memory>
#include <optional>

#include "cli/commands/commands.hpp"
#include "cli/ui/output.hpp"
#include "cli/ui/table.hpp"
#include "core/atomic_file.hpp"
#include "device/uf2/extract.hpp"
#include "device/uf2/families.hpp"
#include "device/uf2/reader.hpp"
#include "device/uf2/writer.hpp"

namespace cpy::cli {
namespace {

struct Uf2Options {
  std::string input;
  std::string output;
  std::string base;
  std::string family;
  std::string fill = "0x00";
  std::uint32_t payload_size = uf2::k_default_payload;
};

Result<std::uint32_t> parse_u32(const std::string& text, const std::string& what) {
  std::string_view digits = text;
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    digits.remove_prefix(2);
    base = 16;
  }
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
    return make_error(ExitCode::usage, "invalid " + what + " '" + text + "'", "give a number such as 0x10000000");
  return value;
}

/// --family NAME|ID, or "none" for no family ID (how SAMD builds are made).
Result<std::optional<std::uint32_t>> parse_family_option(const std::string& text) {
  if (text.empty() || text == "none") return std::optional<std::uint32_t>();
  CPY_TRY(const std::uint32_t id, uf2::parse_family(text));
  return std::optional<std::uint32_t>(id);
}

std::string range_text(const uf2::AddressRange& r) {
  return uf2::hex32(static_cast<std::uint32_t>(r.start)) + ".." + uf2::hex32(static_cast<std::uint32_t>(r.end - 1)) +
         "  (" + std::to_string(r.size()) + " bytes)";
}

nlohmann::json family_json(std::optional<std::uint32_t> id) {
  if (!id) return nullptr;
  nlohmann::json j = {{"id", uf2::hex32(*id)}, {"name", nullptr}, {"description", nullptr}};
  if (auto family = uf2::family_by_id(*id)) {
    j["name"] = family->name;
    j["description"] = family->description;
  }
  return j;
}

nlohmann::json ranges_json(const std::vector<uf2::AddressRange>& ranges) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : ranges)
    out.push_back({{"start", uf2::hex32(static_cast<std::uint32_t>(r.start))},
                   {"end", uf2::hex32(static_cast<std::uint32_t>(r.end - 1))},
                   {"size", r.size()}});
  return out;
}

nlohmann::json info_json(const std::string& file, std::uint64_t file_size, const uf2::Image& image) {
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& s : image.sections)
    sections.push_back({{"first_block", s.first_block}, {"blocks", s.block_count}, {"family", family_json(s.family)}});
  nlohmann::json families = nlohmann::json::array();
  for (const auto& id : uf2::image_families(image)) {
    const auto ranges = uf2::written_ranges(image, id);
    families.push_back({{"family", family_json(id)},
                        {"bytes", uf2::payload_bytes(image, id)},
                        {"ranges", ranges_json(ranges)},
                        {"gaps", ranges_json(uf2::gaps_between(ranges))}});
  }
  return {
      {"ok", true},
      {"file", file},
      {"file_size", file_size},
      {"blocks", image.block_count},
      {"payload_sizes", image.payload_sizes},
      {"not_main_flash_blocks", image.not_main_flash_blocks},
      {"md5_blocks", image.md5_blocks},
      {"extension_tag_blocks", image.extension_tag_blocks},
      {"sections", sections},
      {"families", families},
      {"checks", {{"magic_numbers", "ok"}, {"block_numbering", "ok"}, {"payload_sizes", "ok"}, {"overlaps", "none"}}}};
}

std::string family_text(std::optional<std::uint32_t> id) {
  if (!id) return "(no family ID)";
  auto family = uf2::family_by_id(*id);
  return uf2::describe_family(*id) + (family ? std::string("  ") + family->description : "");
}

void print_info(const Output& out, const std::string& file, const uf2::Image& image) {
  std::string sizes;
  for (auto s : image.payload_sizes) sizes += (sizes.empty() ? "" : ", ") + std::to_string(s);
  out.line(out.bold(file) + ": " + std::to_string(image.block_count) + " blocks in " +
           std::to_string(image.sections.size()) + " sequence" + (image.sections.size() == 1 ? "" : "s") +
           ", payload " + sizes + " bytes per block");
  for (const auto& id : uf2::image_families(image)) {
    const auto ranges = uf2::written_ranges(image, id);
    const auto gaps = uf2::gaps_between(ranges);
    out.line("  family  " + family_text(id));
    out.line("  data    " + std::to_string(uf2::payload_bytes(image, id)) + " bytes in " +
             std::to_string(ranges.size()) + " range" + (ranges.size() == 1 ? "" : "s"));
    for (const auto& r : ranges) out.line("    " + range_text(r));
    for (const auto& g : gaps) out.line("    gap " + range_text(g));
  }
  if (image.not_main_flash_blocks)
    out.line("  " + std::to_string(image.not_main_flash_blocks) + " block(s) marked not-main-flash (not written)");
  out.line("  checks  magic numbers ok, block numbering ok, payload sizes ok, no overlaps");
}

int run_info(const Uf2Options& o, const GlobalOptions& globals) {
  Output out(globals);
  auto image = uf2::read_uf2_file(o.input);
  if (!image) return out.fail(image.error());
  std::error_code ec;
  const auto size = std::filesystem::file_size(o.input, ec);
  out.json_result(info_json(o.input, size, *image));
  print_info(out, o.input, *image);
  return 0;
}

Status convert(const Uf2Options& o, const Output& out) {
  CPY_TRY(const std::uint32_t base, parse_u32(o.base, "base address"));
  CPY_TRY(const auto family, parse_family_option(o.family));
  CPY_TRY(const std::string binary, read_file(o.input));
  const std::span bytes(reinterpret_cast<const std::uint8_t*>(binary.data()), binary.size());
  CPY_TRY(const auto file, uf2::write_uf2(bytes, {base, family, o.payload_size}));
  CPY_CHECK(write_file_atomic(o.output, std::string_view(reinterpret_cast<const char*>(file.data()), file.size())));
  const std::size_t blocks = file.size() / uf2::k_block_size;
  out.json_result({{"ok", true},
                   {"input", o.input},
                   {"output", o.output},
                   {"base", uf2::hex32(base)},
                   {"size", binary.size()},
                   {"blocks", blocks},
                   {"payload_size", o.payload_size},
                   {"family", family_json(family)}});
  out.line("wrote " + o.output + ": " + std::to_string(blocks) + " blocks, " + std::to_string(binary.size()) +
           " bytes at " + uf2::hex32(base) + ", family " + (family ? uf2::describe_family(*family) : "none"));
  return ok_status();
}

Status extract(const Uf2Options& o, const Output& out) {
  CPY_TRY(const auto family, parse_family_option(o.family));
  CPY_TRY(const std::uint32_t fill, parse_u32(o.fill, "fill byte"));
  if (fill > 0xFF) return make_error(ExitCode::usage, "the fill byte must be 0..0xff");
  CPY_TRY(const auto image, uf2::read_uf2_file(o.input));
  CPY_TRY(const auto flat, uf2::extract_binary(image, {family, static_cast<std::uint8_t>(fill)}));
  const std::string_view bytes(reinterpret_cast<const char*>(flat.bytes.data()), flat.bytes.size());
  CPY_CHECK(write_file_atomic(o.output, bytes));
  out.json_result({{"ok", true},
                   {"input", o.input},
                   {"output", o.output},
                   {"base", uf2::hex32(flat.base_address)},
                   {"size", flat.bytes.size()},
                   {"gap_bytes", flat.gap_bytes}});
  out.line("wrote " + o.output + ": " + std::to_string(flat.bytes.size()) + " bytes from " +
           uf2::hex32(flat.base_address) +
           (flat.gap_bytes ? ", " + std::to_string(flat.gap_bytes) + " gap bytes filled with " + o.fill : ""));
  return ok_status();
}

int run_status(const Output& out, const Status& status) { return status ? 0 : out.fail(status.error()); }

}  // namespace

Runner setup_uf2(CLI::App& cmd) {
  auto o = std::make_shared<Uf2Options>();
  cmd.require_subcommand(1);
  CLI::App* info = cmd.add_subcommand("info", "Show a UF2 file's families, address ranges, blocks and checks");
  info->add_option("file", o->input, "The .uf2 file")->required();
  CLI::App* conv = cmd.add_subcommand("convert", "Make a .uf2 from a flat binary");
  conv->add_option("input", o->input, "The .bin file")->required();
  conv->add_option("--base", o->base, "Flash address of the first byte (e.g. 0x10000000)")->required();
  conv->add_option("--family", o->family, "Family name or ID (RP2040, SAMD51, 0xe48bff56), or 'none'")->required();
  conv->add_option("-o,--output", o->output, "The .uf2 file to write")->required();
  conv->add_option("--payload-size", o->payload_size, "Bytes of data per block (1..476, default 256)");
  CLI::App* ext = cmd.add_subcommand("extract", "Write the flash data of a .uf2 as a flat binary");
  ext->add_option("input", o->input, "The .uf2 file")->required();
  ext->add_option("-o,--output", o->output, "The .bin file to write")->required();
  ext->add_option("--family", o->family, "Which family to take when the file holds several");
  ext->add_option("--fill", o->fill, "Byte for the gaps between address ranges (default 0x00)");
  return [o, info, conv](const GlobalOptions& globals) {
    Output out(globals);
    if (info->parsed()) return run_info(*o, globals);
    if (conv->parsed()) return run_status(out, convert(*o, out));
    return run_status(out, extract(*o, out));
  };
}

}  // namespace cpy::cli
