// `cpytool build-firmware --freeze NAME... [--from DIR...] [--board-id ID] -o FILE`: virtual-board firmware with
// libraries frozen in (compiled with our compiler; .mpy files taken as they are).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "cli/commands/commands.hpp"
#include "cli/ui/output.hpp"
#include "core/atomic_file.hpp"
#include "firmware/supervisor/frozen_image.hpp"
#include "mpy/reader.hpp"
#include "mpycross/compiler.hpp"

namespace cpy::cli {

namespace {

namespace fs = std::filesystem;

struct BuildFirmwareOptions {
  std::vector<std::string> names;
  std::vector<std::string> from;
  bool from_bundle = false;
  std::string board_id;
  std::string output;
};

/// Folders of a library that CircuitPython's freezing step skips.
bool skipped_folder(const fs::path& name) {
  static const char* skipped[] = {"examples", "docs", "tests", "utils", "__pycache__"};
  return std::any_of(std::begin(skipped), std::end(skipped), [&](const char* s) { return name == s; });
}

Result<std::string> read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ExitCode::io, "cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// One file as frozen content: .py compiled with `frozen_path` as its source name, .mpy checked and kept.
Result<std::string> frozen_bytes(const fs::path& file, const std::string& frozen_path) {
  CPY_TRY(std::string bytes, read_bytes(file));
  if (file.extension() == ".mpy") {
    auto span = std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    auto info = mpy::identify_mpy(span);
    if (!info) return make_error(ExitCode::bad_input, file.string() + ": " + info.error().message);
    if (info->family != mpy::FormatFamily::v6)
      return make_error(
          ExitCode::bad_input,
          file.string() + " is not a CircuitPython 9/10 .mpy (it is for " + std::string(info->loaded_by) + ")",
          "freeze the .py source or an .mpy from a 9.x/10.x bundle");
    return bytes;
  }
  auto compiled = mpycross::compile(bytes, frozen_path);
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&compiled))
    return make_error(ExitCode::bad_input, "cannot compile " + file.string() + ":\n" + failure->stderr_text);
  const auto& mpy = std::get<std::vector<std::uint8_t>>(compiled);
  return std::string(mpy.begin(), mpy.end());
}

Status add_file(firmware::FrozenImage& image, const fs::path& file, const std::string& frozen_path) {
  CPY_TRY(std::string bytes, frozen_bytes(file, frozen_path));
  image.modules[frozen_path] = std::move(bytes);
  return ok_status();
}

/// A package folder: every .py/.mpy below it, as "pkg/sub/mod.py" (a .py wins over an .mpy of the same name).
Status add_package(firmware::FrozenImage& image, const fs::path& dir) {
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && skipped_folder(it->path().filename())) it.disable_recursion_pending();
    auto ext = it->path().extension();
    if (it->is_regular_file() && (ext == ".py" || ext == ".mpy")) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    fs::path rel = fs::relative(file, dir.parent_path());
    std::string frozen_path = rel.replace_extension(".py").generic_string();
    if (file.extension() == ".mpy" && fs::exists(fs::path(file).replace_extension(".py"))) continue;
    CPY_CHECK(add_file(image, file, frozen_path));
  }
  return ok_status();
}

/// NAME as a path (file or package folder), else looked up in each --from folder (and its lib/).
Status add_library(firmware::FrozenImage& image, const std::string& name, const std::vector<std::string>& from) {
  std::vector<fs::path> candidates = {fs::path(name)};
  for (const auto& dir : from) {
    for (const char* sub : {"", "lib"}) {
      fs::path base = fs::path(dir) / sub / name;
      candidates.push_back(base);
      candidates.push_back(fs::path(base) += ".py");
      candidates.push_back(fs::path(base) += ".mpy");
    }
  }
  for (const auto& candidate : candidates) {
    if (fs::is_directory(candidate)) return add_package(image, fs::absolute(candidate).lexically_normal());
    if (fs::is_regular_file(candidate) && (candidate.extension() == ".py" || candidate.extension() == ".mpy"))
      return add_file(image, candidate, candidate.stem().string() + ".py");
  }
  return make_error(ExitCode::bad_input, "library '" + name + "' not found",
                    from.empty() ? "give a path, or folders to search with --from DIR"
                                 : "looked in " + std::to_string(from.size()) + " --from folder(s) and their lib/");
}

int run_build_firmware(const BuildFirmwareOptions& opts, const GlobalOptions& globals) {
  Output out(globals);
  if (opts.from_bundle) {
    out.error("--from-bundle is not implemented yet", "freeze libraries from folders with --from DIR",
              ExitCode::not_implemented);
    return static_cast<int>(ExitCode::not_implemented);
  }
  firmware::FrozenImage image;
  image.board_id = opts.board_id;
  for (const auto& name : opts.names) {
    auto st = add_library(image, name, opts.from);
    if (!st) return out.fail(st.error());
  }
  if (auto st = write_file_atomic(opts.output, image.encode()); !st) return out.fail(st.error());
  if (out.json()) {
    nlohmann::json modules = nlohmann::json::array();
    for (const auto& [path, bytes] : image.modules) modules.push_back({{"path", path}, {"bytes", bytes.size()}});
    out.json_result({{"ok", true}, {"output", opts.output}, {"board_id", opts.board_id}, {"modules", modules}});
  } else {
    for (const auto& name : image.help_names()) out.line("froze " + name);
    out.line("wrote " + opts.output + " (" + std::to_string(image.modules.size()) + " modules)");
  }
  return 0;
}

}  // namespace

Runner setup_build_firmware(CLI::App& cmd) {
  auto opts = std::make_shared<BuildFirmwareOptions>();
  cmd.add_option("--freeze", opts->names, "Libraries to freeze: names found with --from, or paths to .py/.mpy/folders")
      ->required()
      ->expected(1, -1);
  cmd.add_option("--from", opts->from, "Folders holding the libraries (a folder's lib/ is searched too)")
      ->expected(1, -1);
  cmd.add_flag("--from-bundle", opts->from_bundle, "Take the libraries and their dependencies from the bundles");
  cmd.add_option("--board-id", opts->board_id, "Board the firmware is for (default: any board id)");
  cmd.add_option("-o,--output", opts->output, "Firmware file to write")->required();
  return [opts](const GlobalOptions& globals) { return run_build_firmware(*opts, globals); };
}

}  // namespace cpy::cli
