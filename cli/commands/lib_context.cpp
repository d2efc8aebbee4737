// Shared plumbing of the library commands.
#include "cli/commands/lib_context.hpp"

#include <sys/stat.h>

#include <cctype>
#include <unistd.h>

#include "bundle/frozen.hpp"
#include "bundle/release.hpp"
#include "bundle/requirements.hpp"
#include "bundle/source.hpp"
#include "cli/ui/status_line.hpp"
#include "cli/ui/terminal.hpp"
#include "core/atomic_file.hpp"
#include "core/board_catalog.hpp"
#include "core/log.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "device/boot_out.hpp"
#include "device/circuitpy_mounts.hpp"
#include "device/serial/board_query.hpp"
#include "device/usb/discovery.hpp"

namespace cpy::cli {

namespace fs = std::filesystem;

void add_board_options(CLI::App& cmd, LibraryOptions& opts) {
  cmd.add_option("--path", opts.path, "The board's drive (default: the mounted CIRCUITPY drive)");
  cmd.add_option("--board", opts.board, "Which drive when several are mounted: its path, folder name or board id");
  cmd.add_option("--board-id", opts.board_id, "Board id to use instead of the one in boot_out.txt");
  cmd.add_option("--cpy-version", opts.cpy_version, "CircuitPython version to use instead of boot_out.txt's");
  cmd.add_option("--frozen-from", opts.frozen_from, "A help('modules') listing of the board: its frozen modules");
  cmd.add_option("--port", opts.port, "The board's serial console, asked for its frozen modules (help('modules'))");
}

void add_bundle_options(CLI::App& cmd, LibraryOptions& opts) {
  cmd.add_flag("--offline", opts.offline, "Use only cached bundles; never touch the network");
  cmd.add_option("--bundle-zip", opts.bundle_zips, "Use this bundle zip or folder instead of the configured bundles")
      ->allow_extra_args(false);
  cmd.add_option("--bundle-version", opts.bundle_versions, "Pin a bundle: owner/repo=TAG (repeatable)")
      ->allow_extra_args(false);
  cmd.add_option("--timeout", opts.timeout, "Network timeout in seconds");
}

void add_host_options(CLI::App& cmd, LibraryOptions& opts) {
  cmd.add_option("--host", opts.host, "Reach the board over its web workflow at HOST[:PORT] instead of a drive");
  cmd.add_option("--password", opts.password,
                 "The board's CIRCUITPY_WEB_API_PASSWORD (default: CPYTOOL_WEB_PASSWORD or CIRCUP_WEBWORKFLOW_PASSWORD)");
}

namespace {

std::vector<device::RunningBoard> pick(std::vector<device::RunningBoard> boards, const std::string& wanted) {
  if (wanted.empty()) return boards;
  std::vector<device::RunningBoard> out;
  for (auto& b : boards)
    if (b.mount.string() == wanted || b.mount.filename().string() == wanted || b.boot_out.board_id == wanted)
      out.push_back(std::move(b));
  return out;
}

Result<Board> detect_board(const LibraryOptions& opts) {
  auto boards = pick(device::find_running_boards(), opts.board);
  if (boards.empty())
    return make_error(
        ExitCode::no_board,
        opts.board.empty() ? "no CircuitPython drive found" : "no mounted drive matches --board " + opts.board,
        "connect the board, or name its drive with --path DIR");
  if (boards.size() > 1) {
    std::string list;
    for (const auto& b : boards)
      list += "\n    " + b.mount.string() + " (" + b.boot_out.board_id + ", " + b.boot_out.tag + ")";
    return make_error(ExitCode::no_board, "several CircuitPython drives are mounted:" + list,
                      "choose one with --board NAME or --path DIR");
  }
  const auto& b = boards.front();
  return Board{nullptr, b.mount, b.boot_out.tag, b.boot_out.board_id, b.boot_out.board_name, b.boot_out.major()};
}

Result<Board> board_at(const LibraryOptions& opts) {
  std::error_code ec;
  if (!fs::is_directory(opts.path, ec))
    return make_error(ExitCode::no_board, "board path is not a folder: " + opts.path, "check --path");
  Board board{nullptr, opts.path, {}, {}, {}, 0};
  auto boot = device::read_boot_out(opts.path);
  if (boot) {
    board = Board{nullptr, opts.path, boot->tag, boot->board_id, boot->board_name, boot->major()};
  } else if (opts.cpy_version.empty()) {
    return boot.take_error();
  }
  return board;
}

int major_of(const std::string& version) {
  int n = 0;
  for (char c : version) {
    if (c < '0' || c > '9') break;
    n = n * 10 + (c - '0');
  }
  return n;
}

Result<std::map<std::string, std::string>> bundle_pins(const LibraryOptions& opts) {
  std::map<std::string, std::string> pins;
  for (const char* file : {"../pyproject.toml", "pyproject.toml"}) {
    std::error_code ec;
    if (!fs::exists(file, ec)) continue;
    if (auto text = read_file(file))
      for (auto& [repo, tag] : bundle::parse_bundle_pins(*text)) pins[repo] = tag;
  }
  for (const auto& spec : opts.bundle_versions) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos)
      return make_error(ExitCode::usage, "--bundle-version needs owner/repo=TAG, got '" + spec + "'");
    CPY_TRY(std::string repo, bundle::parse_repo(spec.substr(0, eq)));
    pins[repo] = spec.substr(eq + 1);
  }
  return pins;
}

void apply_overrides(const LibraryOptions& opts, Board& board) {
  if (!opts.cpy_version.empty()) {
    board.version = opts.cpy_version;
    board.major = major_of(opts.cpy_version);
  }
  if (!opts.board_id.empty()) board.board_id = opts.board_id;
}

}  // namespace

Result<Board> find_board(const LibraryOptions& opts) {
  CPY_TRY(Board board, opts.path.empty() ? detect_board(opts) : board_at(opts));
  board.drive = bundle::local_drive(board.root);
  apply_overrides(opts, board);
  return board;
}

Result<std::string> platform_for(const Board& board, bool py) {
  if (py) return std::string("py");
  switch (board.major) {
    case 7:
    case 8:
      return std::string("8.x-mpy");
    case 9:
      return std::string("9.x-mpy");
    case 10:
      return std::string("10.x-mpy");
    default:
      return make_error(
          ExitCode::bad_input,
          "no .mpy bundle for CircuitPython " + (board.version.empty() ? "(unknown version)" : board.version),
          "use --py to install source files, or --cpy-version to name the version");
  }
}

nlohmann::json board_json(const Board& board) {
  return {{"path", board.drive->location()}, {"version", board.version}, {"board_id", board.board_id}};
}

LibrarySession::LibrarySession(const GlobalOptions& globals, const LibraryOptions& opts)
    : m_globals(globals), m_opts(opts), m_out(globals) {
  HttpOptions http = http_options_from_env();
  if (opts.timeout > 0) {
    http.total_timeout = std::chrono::milliseconds(static_cast<long>(opts.timeout * 1000));
    http.connect_timeout = std::min(http.connect_timeout, http.total_timeout);
  }
  m_http = make_curl_http(http);
  if (is_tty(stderr) && !globals.json && !globals.quiet)
    m_progress = std::make_unique<ProgressBar>(stderr, true, terminal_width(stderr));
  else
    m_progress = std::make_unique<NullProgress>();
}

Result<Board> LibrarySession::board(FolderTrust trust) {
  if (m_opts.host.empty()) return find_board(m_opts);
  if (!m_opts.path.empty())
    return make_error(ExitCode::usage, "--host and --path name two boards", "give one of them");
  return web_board(trust);
}

Result<Board> LibrarySession::web_board(FolderTrust trust) {
  device::WebTarget target{m_opts.host, device::web_password(m_opts.password)};
  if (target.password.empty())
    return make_error(ExitCode::usage, "the web workflow needs the board's password",
                      "give its CIRCUITPY_WEB_API_PASSWORD with --password or CPYTOOL_WEB_PASSWORD");
  auto files = std::make_unique<device::WebFiles>(*m_http, target);
  CPY_TRY(nlohmann::json version, files->version());
  const auto text = [&version](const char* key) {
    const auto it = version.find(key);
    return it != version.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  Board board;
  board.version = text("version");
  board.board_id = text("board_id");
  board.board_name = text("board_name");
  board.major = major_of(board.version);
  const std::string uid = text("UID");
  const std::string key = uid.empty() ? m_opts.host : uid;
  std::string file_name;
  for (char c : key) file_name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
  auto drive = std::make_shared<WebDrive>(std::move(files), m_opts.host, cache_dir() / "web" / (file_name + ".json"),
                                          trust);
  // Ask for lib/ now, so that a wrong password or an unreachable drive is reported before any work.
  if (auto lib = drive->list("lib"); !lib) return lib.take_error();
  board.drive = std::move(drive);
  apply_overrides(m_opts, board);
  return board;
}

Result<bundle::BundleSet> LibrarySession::load_bundles(const std::string& platform) {
  std::vector<bundle::BundleSource> sources;
  for (const auto& zip : m_opts.bundle_zips) sources.push_back(bundle::local_source(zip));
  if (sources.empty()) {
    CPY_TRY(auto configured, bundle::configured_sources(config_dir()));
    sources = std::move(configured);
  }
  CPY_TRY(auto pins, bundle_pins(m_opts));
  bundle::LoadOptions options;
  options.base_url = bundle::github_base_url();
  options.offline = m_opts.offline;
  options.pins = std::move(pins);
  options.platform = platform;
  if (const char* ttl = std::getenv("CPYTOOL_BUNDLE_TTL")) options.ttl = std::chrono::seconds(std::atol(ttl));
  options.progress = m_progress.get();
  options.warn = [this](const std::string& text) { m_out.warn(text); };
  bundle::BundleCache cache(cache_dir());
  return bundle::load_bundles(sources, *m_http, cache, options);
}

std::set<std::string> LibrarySession::frozen_modules(const Board& board, const bundle::BundleSet& bundles) {
  if (!m_opts.frozen_from.empty()) {
    auto text = read_file(m_opts.frozen_from);
    if (text) return bundle::parse_help_modules(*text);
    m_out.warn(text.error().message + "; frozen modules are not known");
    return {};
  }
  if (auto live = modules_from_console(board)) return *live;
  if (board.board_id.empty()) return {};
  auto info = BoardCatalog::load_board(board.board_id);
  if (!info) {
    m_out.warn(info.error().message + "; frozen modules are not known");
    return {};
  }
  if (!*info) {
    const auto catalog = BoardCatalog::load_default();
    const std::string near = catalog ? closest_match(board.board_id, catalog->ids()) : "";
    m_out.warn("unknown board id '" + board.board_id + "' (not in the board catalog), so frozen modules are not known" +
               (near.empty() ? "" : "; did you mean '" + near + "'?"));
    return {};
  }
  return bundle::frozen_from_catalog(**info, bundles);
}

namespace {

/// Whether `path` is the root of a mounted file system (a real board's drive, not a plain folder).
bool is_mount_point(const fs::path& path) {
  struct stat self {}, parent {};
  return ::stat(path.c_str(), &self) == 0 && ::stat((path / "..").c_str(), &parent) == 0 &&
         (self.st_dev != parent.st_dev || self.st_ino == parent.st_ino);
}

}  // namespace

std::string LibrarySession::console_port(const Board& board) const {
  if (!m_opts.port.empty()) return m_opts.port;
  if (const char* env = std::getenv("CPYTOOL_PORT"); env && *env) return env;
  // Discovery looks at USB devices: only worth it when the drive is a real mount.
  if (board.root.empty() || !is_mount_point(board.root)) return {};
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(board.root, ec);
  const auto catalog = BoardCatalog::load_default();
  for (const auto& found : device::discover_boards(catalog ? &*catalog : nullptr).boards)
    if (!found.port.empty() && !found.mount.empty() && fs::weakly_canonical(found.mount, ec) == root)
      return found.port;
  return {};
}

std::optional<std::set<std::string>> LibrarySession::modules_from_console(const Board& board) {
  const std::string port = console_port(board);
  if (port.empty()) return std::nullopt;
  auto listed = device::query_modules(port);
  if (!listed) {
    m_out.warn("cannot ask the board on " + port + " for its modules (" + listed.error().message +
               "); using the board catalog");
    return std::nullopt;
  }
  log::info("frozen modules from help('modules') on " + port);
  std::set<std::string> names(listed->builtin.begin(), listed->builtin.end());
  names.insert(listed->frozen.begin(), listed->frozen.end());
  return names;
}

Result<std::vector<std::pair<std::string, std::string>>> bundle_files(const bundle::BundleSet::Hit& hit) {
  std::vector<std::pair<std::string, std::string>> files;
  const auto& archive = *hit.bundle->archive;
  for (const auto& path : bundle::module_files(archive, hit.library->name)) {
    CPY_TRY(std::string bytes, archive.read(path));
    files.emplace_back(path, std::move(bytes));
  }
  if (files.empty())
    return make_error(ExitCode::bad_input,
                      hit.library->name + " is listed in the bundle index but has no files in " + archive.origin());
  return files;
}

nlohmann::json plan_json(const bundle::SyncPlan& plan) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& m : plan.modules)
    for (const auto& f : m.files)
      files.push_back({{"module", m.module},
                       {"path", f.path},
                       {"action", bundle::action_name(f.action)},
                       {"bytes", f.bytes.size()}});
  return {{"files", files}, {"bytes_to_write", plan.bytes_to_write()}, {"bytes_freed", plan.bytes_freed()}};
}

void print_plan(const Output& out, const bundle::SyncPlan& plan) {
  for (const auto& m : plan.modules)
    for (const auto& f : m.files)
      if (f.action != bundle::FileAction::same)
        out.line("  " + std::string(bundle::action_name(f.action)) +
                 std::string(10 - std::string(bundle::action_name(f.action)).size(), ' ') + f.path +
                 (f.bytes.empty() ? "" : " (" + format_bytes(f.bytes.size()) + ")"));
  out.line("  " + std::to_string(plan.count(bundle::FileAction::add)) + " to add, " +
           std::to_string(plan.count(bundle::FileAction::replace)) + " to replace, " +
           std::to_string(plan.count(bundle::FileAction::remove)) + " to delete, " +
           std::to_string(plan.count(bundle::FileAction::same)) + " unchanged; " + format_bytes(plan.bytes_to_write()) +
           " to write");
}

int run_sync(const Output& out, const Board& board, const bundle::SyncPlan& plan, nlohmann::json& doc) {
  auto free = board.drive->free_bytes();
  if (!free) return out.fail(free.error());
  if (auto space = bundle::check_space(plan, *free); !space) return out.fail(space.error());
  const auto report = bundle::apply_plan(plan, board.drive->root(), board.drive->writer());
  doc["written"] = report.completed;
  if (!report.error) return 0;
  doc["failed"] = report.failed;
  std::string done = report.completed.empty() ? "nothing was changed" : "done before the failure: ";
  for (std::size_t i = 0; i < report.completed.size(); ++i) done += (i ? ", " : "") + report.completed[i];
  Error err = *report.error;
  err.message += "; " + report.failed + " was left as it was (" + done + ")";
  return out.fail(err);
}

int report_unknown(const Output& out, const std::vector<std::string>& unknown,
                   const std::map<std::string, std::string>& suggestions) {
  for (const auto& name : unknown) {
    auto it = suggestions.find(name);
    out.error("'" + name + "' is not a known CircuitPython library",
              it == suggestions.end() ? "see cpytool show" : "did you mean '" + it->second + "'?", ExitCode::bad_input);
  }
  return static_cast<int>(ExitCode::bad_input);
}

}  // namespace cpy::cli
