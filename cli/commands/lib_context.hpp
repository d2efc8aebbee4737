// What the library commands share: board and bundle options, finding the board, loading the bundles,
// the frozen-module set, and printing a sync plan.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bundle/installed.hpp"
#include "bundle/loader.hpp"
#include "bundle/sync.hpp"
#include "cli/command.hpp"
#include "cli/commands/web_drive.hpp"
#include "cli/ui/output.hpp"
#include "core/http.hpp"

namespace cpy::cli {

struct LibraryOptions {
  std::string path;
  std::string board;  // choose among several drives: a mount path, its folder name or a board id
  std::string board_id;
  std::string cpy_version;
  std::string frozen_from;
  std::string port;  // serial console to ask for help('modules'); else CPYTOOL_PORT, else discovery
  std::string host;      // --host: the board's web workflow instead of a drive
  std::string password;  // --password, else CPYTOOL_WEB_PASSWORD / CIRCUP_WEBWORKFLOW_PASSWORD
  bool offline = false;
  std::vector<std::string> bundle_zips;
  std::vector<std::string> bundle_versions;
  double timeout = 0;
  bool py = false;
};

void add_board_options(CLI::App& cmd, LibraryOptions& opts);
void add_bundle_options(CLI::App& cmd, LibraryOptions& opts);
/// --host and --password: reach the board over its web workflow.
void add_host_options(CLI::App& cmd, LibraryOptions& opts);

struct Board {
  std::shared_ptr<bundle::Drive> drive;
  std::filesystem::path root;  // the drive's folder; empty for a board reached over the web workflow
  std::string version;
  std::string board_id;
  std::string board_name;
  int major = 0;
  /// "<drive>/lib" for messages.
  std::string lib_location() const { return drive->location() + "/lib"; }
};

/// --path, else the one mounted CIRCUITPY drive (several: a list and ExitCode::no_board unless --board picks
/// one); version and board id from boot_out.txt unless --cpy-version / --board-id give them.
Result<Board> find_board(const LibraryOptions& opts);
/// "py" with --py, else the mpy platform of the board's major version.
Result<std::string> platform_for(const Board& board, bool py);
nlohmann::json board_json(const Board& board);

class LibrarySession {
 public:
  LibrarySession(const GlobalOptions& globals, const LibraryOptions& opts);
  const Output& out() const { return m_out; }
  /// The board: over the web workflow with --host (version and board id from /cp/version.json), else as
  /// find_board. `trust` says whether remembered package listings may stand in for fresh ones.
  Result<Board> board(FolderTrust trust = FolderTrust::fresh);
  /// Loads every configured bundle (or only the --bundle-zip ones) for `platform`.
  Result<bundle::BundleSet> load_bundles(const std::string& platform);
  /// Modules frozen into the board's firmware: a --frozen-from listing, else the board's own help('modules')
  /// over its serial console (--port, CPYTOOL_PORT, or the discovered board with this drive), else the board
  /// catalog; warns about an unknown board id.
  std::set<std::string> frozen_modules(const Board& board, const bundle::BundleSet& bundles);

 private:
  std::string console_port(const Board& board) const;
  Result<Board> web_board(FolderTrust trust);
  std::optional<std::set<std::string>> modules_from_console(const Board& board);

  const GlobalOptions& m_globals;
  const LibraryOptions& m_opts;
  Output m_out;
  std::unique_ptr<Http> m_http;
  std::unique_ptr<ProgressSink> m_progress;
};

/// The files of `name` in its bundle, as (drive path, bytes).
Result<std::vector<std::pair<std::string, std::string>>> bundle_files(const bundle::BundleSet::Hit& hit);
/// Prints the plan (human) and returns its JSON.
nlohmann::json plan_json(const bundle::SyncPlan& plan);
void print_plan(const Output& out, const bundle::SyncPlan& plan);
/// Checks free space, applies the plan and reports; returns the exit code.
int run_sync(const Output& out, const Board& board, const bundle::SyncPlan& plan, nlohmann::json& doc);
/// "name: did you mean x?" errors for unknown names; returns ExitCode::bad_input after printing.
int report_unknown(const Output& out, const std::vector<std::string>& unknown,
                   const std::map<std::string, std::string>& suggestions);

}  // namespace cpy::cli
