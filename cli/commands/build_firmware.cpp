// `cpytool build-firmware --freeze NAME... [--from DIR... | --from-bundle] [--board-id ID] -o FILE`: virtual-board
// firmware with libraries frozen in (compiled with our compiler; .mpy files taken as they are).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "bundle/resolve.hpp"
#include "cli/commands/commands.hpp"
#include "cli/commands/lib_context.hpp"
#include "cli/ui/output.hpp"
#include "core/atomic_file.hpp"
#include "firmware/supervisor/frozen_image.hpp"
#include "mpy/reader.hpp"
#include "mpycross/compiler.hpp"

namespace cpy::cli {

namespace {

namespace fs = std::filesystem;

struct BuildFirmwareOptions {
  LibraryOptions lib;  // bundle options for --from-bundle
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

/// One file as frozen content: .py source compiled with `frozen_path` as its source name, .mpy checked and kept.
/// `origin` names the file in messages.
enum class FileKind { source, mpy };

FileKind kind_of(const fs::path& file) { return file.extension() == ".mpy" ? FileKind::mpy : FileKind::source; }

Result<std::string> frozen_bytes(const std::string& bytes, const std::string& origin, const std::string& frozen_path,
                                 FileKind kind) {
  if (kind == FileKind::mpy) {
    auto span = std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    auto info = mpy::identify_mpy(span);
    if (!info) return make_error(ExitCode::bad_input, origin + ": " + info.error().message);
    if (info->family != mpy::FormatFamily::v6)
      return make_error(ExitCode::bad_input,
                        origin + " is not a CircuitPython 9/10 .mpy (it is for " + std::string(info->loaded_by) + ")",
                        "freeze the .py source or an .mpy from a 9.x/10.x bundle");
    return bytes;
  }
  auto compiled = mpycross::compile(bytes, frozen_path);
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&compiled))
    return make_error(ExitCode::bad_input, "cannot compile " + origin + ":\n" + failure->stderr_text);
  const auto& mpy = std::get<std::vector<std::uint8_t>>(compiled);
  return std::string(mpy.begin(), mpy.end());
}

Status add_file(firmware::FrozenImage& image, const fs::path& file, const std::string& frozen_path) {
  CPY_TRY(std::string source, read_bytes(file));
  CPY_TRY(std::string bytes, frozen_bytes(source, file.string(), frozen_path, kind_of(file)));
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

/// The bundle files of one library ("lib/pkg/sub.py") frozen as "pkg/sub.py"; other files (fonts, data) are
/// left out because only modules can be frozen.
Status add_bundle_library(firmware::FrozenImage& image, const bundle::BundleSet::Hit& hit) {
  CPY_TRY(auto files, bundle_files(hit));
  for (const auto& [path, bytes] : files) {
    const fs::path rel = fs::path(path).lexically_relative("lib");
    if (rel.extension() != ".py" && rel.extension() != ".mpy") continue;
    const std::string frozen_path = fs::path(rel).replace_extension(".py").generic_string();
    if (kind_of(rel) == FileKind::mpy && image.modules.contains(frozen_path)) continue;
    const std::string origin = path + " in " + hit.bundle->archive->origin();
    CPY_TRY(std::string frozen, frozen_bytes(bytes, origin, frozen_path, kind_of(rel)));
    image.modules[frozen_path] = std::move(frozen);
  }
  return ok_status();
}

/// --from-bundle: the named libraries and their dependencies, from the py bundles the library commands use.
int freeze_from_bundle(const BuildFirmwareOptions& opts, const GlobalOptions& globals, firmware::FrozenImage& image) {
  LibrarySession session(globals, opts.lib);
  const Output& out = session.out();
  auto bundles = session.load_bundles("py");
  if (!bundles) return out.fail(bundles.error());
  const auto resolution = bundle::resolve(opts.names, *bundles);
  if (!resolution.unknown.empty()) return report_unknown(out, resolution.unknown, resolution.suggestions);
  for (const auto& name : resolution.order) {
    const auto hit = bundles->find(name);
    if (!hit) return out.fail(make_error(ExitCode::bad_input, "library '" + name + "' not found in the bundles"));
    if (auto st = add_bundle_library(image, *hit); !st) return out.fail(st.error());
  }
  return 0;
}

int run_build_firmware(const BuildFirmwareOptions& opts, const GlobalOptions& globals) {
  Output out(globals);
  if (opts.from_bundle && !opts.from.empty())
    return out.fail(make_error(ExitCode::usage, "--from-bundle and --from cannot be combined",
                               "freeze from the bundles or from folders, in two firmware builds if need be"));
  firmware::FrozenImage image;
  image.board_id = opts.board_id;
  if (opts.from_bundle) {
    if (int code = freeze_from_bundle(opts, globals, image); code != 0) return code;
  }
  for (const auto& name : opts.from_bundle ? std::vector<std::string>{} : opts.names) {
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
  cmd.add_option(
         "--freeze", opts->names,
         "Libraries to freeze: bundle names with --from-bundle, names found with --from, or paths to .py/.mpy/folders")
      ->required()
      ->expected(1, -1);
  cmd.add_option("--from", opts->from, "Folders holding the libraries (a folder's lib/ is searched too)")
      ->expected(1, -1);
  cmd.add_flag("--from-bundle", opts->from_bundle, "Take the libraries and their dependencies from the bundles");
  cmd.add_option("--board-id", opts->board_id, "Board the firmware is for (default: any board id)");
  cmd.add_option("-o,--output", opts->output, "Firmware file to write")->required();
  add_bundle_options(cmd, opts->lib);
  return [opts](const GlobalOptions& globals) { return run_build_firmware(*opts, globals); };
}

}  // namespace cpy::cli
