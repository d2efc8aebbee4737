// __version__/__repo__ extraction: bytecode walk for v6, heuristic byte scan for older formats.
#include "mpy/metadata.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "mpy/instruction.hpp"
#include "mpy/reader.hpp"

namespace cpy::mpy {
namespace {

constexpr std::string_view k_version_name = "__version__";
constexpr std::string_view k_repo_name = "__repo__";

// The str pushed by `ins`, if it is LOAD_CONST_STRING or LOAD_CONST_OBJ of a str constant.
std::optional<std::string> loaded_string(const MpyFile& file, const Instruction& ins) {
  const auto n = static_cast<std::size_t>(ins.arg);
  if (ins.opcode == static_cast<std::uint8_t>(Op::LOAD_CONST_STRING) && n < file.qstrs.size()) return file.qstrs[n];
  if (ins.opcode == static_cast<std::uint8_t>(Op::LOAD_CONST_OBJ) && n < file.constants.size() &&
      file.constants[n].kind == ConstantKind::str) {
    return file.constants[n].text;
  }
  return std::nullopt;
}

bool is_store_name(const Instruction& ins) {
  return ins.opcode == static_cast<std::uint8_t>(Op::STORE_NAME) ||
         ins.opcode == static_cast<std::uint8_t>(Op::STORE_GLOBAL);
}

bool is_token_char(unsigned char c) { return std::isalnum(c) || c == '.' || c == '-' || c == '+' || c == '_'; }
bool is_url_char(unsigned char c) { return c > 0x20 && c < 0x7F; }

// Version-looking token (digits and a dot) closest before `end` within `window` bytes.
std::optional<std::string> token_before(std::string_view data, std::size_t end, std::size_t window) {
  const std::size_t begin = end > window ? end - window : 0;
  std::optional<std::string> found;
  for (std::size_t i = begin; i < end;) {
    std::size_t j = i;
    while (j < end && is_token_char(static_cast<unsigned char>(data[j]))) ++j;
    const auto token = data.substr(i, j - i);
    if (token.size() >= 3 && token.find('.') != std::string_view::npos &&
        std::isdigit(static_cast<unsigned char>(token[0]))) {
      found = std::string(token);
    }
    i = j == i ? i + 1 : j;
  }
  return found;
}

std::optional<std::string> scan_version(std::string_view data) {
  const auto at = data.find(k_version_name);
  if (at == std::string_view::npos) return std::nullopt;
  if (auto v = token_before(data, at, 64)) return v;
  return token_before(data, std::min(data.size(), at + k_version_name.size() + 64), 64);
}

std::optional<std::string> scan_repo(std::string_view data) {
  if (data.find(k_repo_name) == std::string_view::npos) return std::nullopt;
  const auto at = data.find("https://");
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t end = at;
  while (end < data.size() && is_url_char(static_cast<unsigned char>(data[end]))) ++end;
  return std::string(data.substr(at, end - at));
}

}  // namespace

ModuleMetadata module_metadata(const MpyFile& file) {
  ModuleMetadata meta;
  const RawCode& rc = file.module;
  const std::span<const std::uint8_t> code(rc.code(), rc.code_size());
  std::optional<std::string> pending;
  for (std::size_t off = 0; off < code.size();) {
    InstructionProblem problem{};
    const auto ins = decode_instruction(code, off, problem);
    if (!ins) break;
    if (is_store_name(*ins) && pending && static_cast<std::size_t>(ins->arg) < file.qstrs.size()) {
      const auto& name = file.qstrs[static_cast<std::size_t>(ins->arg)];
      if (name == k_version_name) meta.version = pending;
      if (name == k_repo_name) meta.repo = pending;
    }
    pending = loaded_string(file, *ins);
    off = ins->end();
  }
  return meta;
}

MpyResult<ModuleMetadata> read_metadata(std::span<const std::uint8_t> bytes) {
  const auto info = identify_mpy(bytes);
  if (!info) return info.error();
  if (info->family == FormatFamily::v6 || info->family == FormatFamily::v6_micropython) {
    const auto file = read_mpy(bytes);
    if (!file) return file.error();
    return module_metadata(*file);
  }
  const std::string_view data(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return ModuleMetadata{scan_version(data), scan_repo(data), MetadataSource::scanned};
}

}  // namespace cpy::mpy
