// `cpytool port FILE.py... [--fix]`: report MicroPython-only constructs and rewrite the mechanical ones.
#include <memory>

#include "bundle/port_check.hpp"
#include "cli/commands/commands.hpp"
#include "cli/ui/output.hpp"
#include "core/atomic_file.hpp"

namespace cpy::cli {

namespace {

struct PortOptions {
  std::vector<std::string> files;
  bool fix = false;
};

struct CheckedFile {
  std::string path;
  std::string text;
  bundle::PortCheck check;
  std::vector<bundle::PortFinding> fixed;
};

const char* action_name(bundle::PortAction action) {
  return action == bundle::PortAction::fixable ? "fixable" : "manual";
}

nlohmann::json finding_json(const bundle::PortFinding& f) {
  return {{"line", f.line},           {"column", f.column}, {"rule", f.rule},
          {"construct", f.construct}, {"advice", f.advice}, {"action", action_name(f.action)}};
}

Result<CheckedFile> check_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) return make_error(ExitCode::bad_input, "cannot read " + path + ": " + text.error().message);
  CPY_TRY(auto check, bundle::check_port(*text, path));
  return CheckedFile{path, std::move(*text), std::move(check), {}};
}

/// Applies the file's edits, writes it atomically and checks it again.
Status fix_file(CheckedFile& file) {
  if (file.check.edits.empty()) return ok_status();
  const std::string fixed_text = bundle::apply_edits(file.text, file.check.edits);
  CPY_TRY(auto again, bundle::check_port(fixed_text, file.path));
  CPY_CHECK(write_file_atomic(file.path, fixed_text));
  for (const auto& f : file.check.findings)
    if (f.action == bundle::PortAction::fixable) file.fixed.push_back(f);
  file.text = fixed_text;
  file.check = std::move(again);
  return ok_status();
}

void print_file(const Output& out, const CheckedFile& file) {
  for (const auto& f : file.fixed)
    out.line(file.path + ":" + std::to_string(f.line) + ": " + out.green("fixed") + ": " + f.construct + " -> " +
             f.advice);
  for (const auto& f : file.check.findings) {
    const std::string where = file.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": ";
    const std::string tag = f.action == bundle::PortAction::fixable ? out.yellow("fixable") : out.red(f.rule);
    out.line(where + tag + ": " + f.construct + " -> " + f.advice);
  }
}

int run_port(const GlobalOptions& globals, const PortOptions& opts) {
  const Output out(globals);
  std::vector<CheckedFile> files;
  for (const auto& path : opts.files) {
    auto file = check_file(path);
    if (!file) return out.fail(file.error());
    files.push_back(std::move(*file));
  }
  nlohmann::json doc = {{"ok", true}, {"files", nlohmann::json::array()}};
  std::size_t remaining = 0, fixable = 0, fixed = 0;
  for (auto& file : files) {
    if (opts.fix)
      if (auto s = fix_file(file); !s) return out.fail(s.error());
    print_file(out, file);
    nlohmann::json entry = {
        {"path", file.path}, {"findings", nlohmann::json::array()}, {"fixed", nlohmann::json::array()}};
    for (const auto& f : file.check.findings) {
      entry["findings"].push_back(finding_json(f));
      fixable += f.action == bundle::PortAction::fixable ? 1 : 0;
    }
    for (const auto& f : file.fixed) entry["fixed"].push_back(finding_json(f));
    remaining += file.check.findings.size();
    fixed += file.fixed.size();
    doc["files"].push_back(std::move(entry));
  }
  std::string summary = std::to_string(remaining) + (remaining == 1 ? " issue" : " issues") + " in " +
                        std::to_string(files.size()) + (files.size() == 1 ? " file" : " files");
  if (fixed > 0) summary += " after fixing " + std::to_string(fixed);
  if (fixable > 0) summary += " (" + std::to_string(fixable) + " fixable with --fix)";
  out.line(remaining == 0 ? (fixed > 0 ? "fixed " + std::to_string(fixed) + "; " : "") + "nothing left to port"
                          : summary);
  doc["ok"] = remaining == 0;
  doc["remaining"] = remaining;
  doc["fixable"] = fixable;
  doc["fixed"] = fixed;
  out.json_result(doc);
  return remaining == 0 ? 0 : static_cast<int>(ExitCode::failure);
}

}  // namespace

Runner setup_port(CLI::App& cmd) {
  auto opts = std::make_shared<PortOptions>();
  cmd.add_option("files", opts->files, "MicroPython source files to check")->required();
  cmd.add_flag("--fix", opts->fix, "Rewrite u-module imports and their uses in place; report what remains");
  return [opts](const GlobalOptions& globals) { return run_port(globals, *opts); };
}

}  // namespace cpy::cli
