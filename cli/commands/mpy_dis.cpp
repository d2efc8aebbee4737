// `cpytool mpy-dis FILE...`: disassemble .mpy files as text or (--json) as one JSON document.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>

#include "cli/commands/commands.hpp"
#include "cli/ui/output.hpp"
#include "mpy/disasm.hpp"
#include "mpy/metadata.hpp"
#include "mpy/reader.hpp"

namespace cpy::cli {
namespace {

struct MpyDisOptions {
  std::vector<std::string> files;
};

std::string hex_bytes(const std::vector<std::uint8_t>& bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    if (!out.empty()) out += ' ';
    out += k_digits[b >> 4];
    out += k_digits[b & 0xF];
  }
  return out;
}

nlohmann::json prelude_json(const mpy::Prelude& p) {
  return {{"n_state", p.n_state},
          {"n_exc_stack", p.n_exc_stack},
          {"scope_flags", p.scope_flags},
          {"n_pos_args", p.n_pos_args},
          {"n_kwonly_args", p.n_kwonly_args},
          {"n_def_pos_args", p.n_def_pos_args},
          {"n_info", p.n_info},
          {"n_cell", p.n_cell}};
}

nlohmann::json instruction_json(const mpy::DisInstruction& ins) {
  nlohmann::json j = {{"offset", ins.offset}, {"bytes", hex_bytes(ins.bytes)}, {"opcode", ins.name},
                      {"arg", ins.arg},       {"operand", ins.operand},        {"line", ins.line}};
  if (ins.target) j["target"] = *ins.target;
  if (ins.extra) j["extra"] = *ins.extra;
  return j;
}

nlohmann::json function_json(const mpy::DisFunction& f) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& e : f.lines) lines.push_back({{"offset", e.offset}, {"line", e.line}});
  nlohmann::json code = nlohmann::json::array();
  for (const auto& ins : f.instructions) code.push_back(instruction_json(ins));
  nlohmann::json children = nlohmann::json::array();
  for (const auto& c : f.children) children.push_back(function_json(c));
  return {{"path", f.path},
          {"name", f.name},
          {"prelude", prelude_json(f.prelude)},
          {"arg_names", f.arg_names},
          {"cells", f.cells},
          {"lines", lines},
          {"fun_data_size", f.fun_data_size},
          {"code_offset", f.code_offset},
          {"instructions", code},
          {"children", children}};
}

nlohmann::json disassembly_json(const mpy::Disassembly& dis, const mpy::ModuleMetadata& meta) {
  const auto& h = dis.header;
  nlohmann::json qstrs = nlohmann::json::array();
  for (std::size_t i = 0; i < dis.qstrs.size(); ++i) {
    nlohmann::json q = {{"index", i}, {"text", dis.qstrs[i].text}};
    if (dis.qstrs[i].static_id) q["static_id"] = *dis.qstrs[i].static_id;
    qstrs.push_back(q);
  }
  nlohmann::json consts = nlohmann::json::array();
  for (std::size_t i = 0; i < dis.constants.size(); ++i) {
    consts.push_back({{"index", i}, {"type", dis.constants[i].type}, {"repr", dis.constants[i].repr}});
  }
  nlohmann::json metadata = {{"version", nullptr}, {"repo", nullptr}};
  if (meta.version) metadata["version"] = *meta.version;
  if (meta.repo) metadata["repo"] = *meta.repo;
  return {{"header",
           {{"magic", std::string(1, static_cast<char>(h.magic))},
            {"version", h.version},
            {"features", h.features},
            {"small_int_bits", h.small_int_bits},
            {"micropython", h.is_micropython()},
            {"loaded_by", dis.loaded_by}}},
          {"metadata", metadata},
          {"qstrs", qstrs},
          {"constants", consts},
          {"module", function_json(dis.module)}};
}

std::optional<std::vector<std::uint8_t>> load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::vector<std::uint8_t>{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void report_error(const Output& out, const std::string& message) {
  // In --json mode the per-file errors are inside the result document; stderr still names them.
  if (out.json()) {
    std::fprintf(stderr, "cpytool: error: %s\n", message.c_str());
  } else {
    out.error(message);
  }
}

// Disassembles one file; returns its exit code (0 ok, 1 invalid, 6 unreadable) and fills `doc`.
int dis_one(const Output& out, const std::string& path, nlohmann::json& doc) {
  doc = {{"file", path}, {"ok", false}};
  const auto bytes = load(path);
  if (!bytes) {
    doc["error"] = "cannot read file";
    report_error(out, "cannot read " + path);
    return static_cast<int>(ExitCode::io);
  }
  auto file = mpy::read_mpy(*bytes);
  auto dis = file ? mpy::disassemble(*file) : mpy::MpyResult<mpy::Disassembly>(file.error());
  if (!dis) {
    doc["error"] = dis.error().message;
    doc["offset"] = dis.error().offset;
    report_error(out, path + ": " + dis.error().message);
    return static_cast<int>(ExitCode::failure);
  }
  const auto meta = mpy::module_metadata(*file);
  if (file->header.is_micropython()) out.warn(path + ": " + std::string(mpy::k_micropython_refusal));
  doc.update(disassembly_json(*dis, meta));
  doc["ok"] = true;
  out.line("file: " + path);
  out.line(mpy::format_disassembly(*dis));
  return 0;
}

}  // namespace

Runner setup_mpy_dis(CLI::App& cmd) {
  auto opts = std::make_shared<MpyDisOptions>();
  cmd.add_option("files", opts->files, ".mpy files to disassemble")->required()->type_name("FILE");
  return [opts](const GlobalOptions& globals) {
    const Output out(globals);
    nlohmann::json files = nlohmann::json::array();
    int code = 0;
    for (const auto& path : opts->files) {
      nlohmann::json doc;
      code = std::max(code, dis_one(out, path, doc));
      files.push_back(std::move(doc));
    }
    out.json_result({{"ok", code == 0}, {"files", files}});
    return code;
  };
}

}  // namespace cpy::cli
