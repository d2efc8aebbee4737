// `cpytool fs ls|cat|put|get|rm|mkdir|mv`: files on the board over the raw REPL or (--host) the web workflow.
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/commands/commands.hpp"
#include "cli/commands/device_session.hpp"
#include "cli/ui/output.hpp"
#include "cli/ui/table.hpp"

namespace cpy::cli {

namespace {

struct FsOptions {
  ConnectionOptions connection;
  std::string action;
  std::string a;  // first path
  std::string b;  // second path
};

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Result<std::string> read_local(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ExitCode::bad_input, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Status write_local(const std::string& path, const std::string& data) {
  std::ofstream outf(path, std::ios::binary | std::ios::trunc);
  if (!outf || !outf.write(data.data(), static_cast<std::streamsize>(data.size())))
    return make_error(ExitCode::io, "cannot write " + path);
  return ok_status();
}

int do_ls(device::BoardFiles& files, const FsOptions& o, const Output& out) {
  auto entries = files.list(o.a.empty() ? "/" : o.a);
  if (!entries) return out.fail(entries.error());
  nlohmann::json doc = nlohmann::json::array();
  for (const auto& e : *entries) {
    doc.push_back({{"name", e.name}, {"directory", e.directory}, {"size", e.size}, {"mtime", e.mtime}});
    out.line(e.directory ? out.bold(e.name + "/") : e.name + "  " + std::to_string(e.size));
  }
  out.json_result(doc);
  return 0;
}

int do_action(device::BoardFiles& files, const FsOptions& o, const Output& out) {
  if (o.action == "ls") return do_ls(files, o, out);
  Status status = ok_status();
  if (o.action == "cat") {
    auto data = files.read(o.a);
    if (!data) return out.fail(data.error());
    std::fwrite(data->data(), 1, data->size(), stdout);
  } else if (o.action == "get") {
    auto data = files.read(o.a);
    if (!data) return out.fail(data.error());
    status = write_local(o.b.empty() ? base_name(o.a) : o.b, *data);
  } else if (o.action == "put") {
    auto data = read_local(o.a);
    if (!data) return out.fail(data.error());
    std::string target = o.b.empty() ? "/" + base_name(o.a) : o.b;
    if (target.back() == '/') target += base_name(o.a);
    status = files.write(target, *data);
  } else if (o.action == "rm") {
    status = files.remove(o.a);
  } else if (o.action == "mkdir") {
    status = files.mkdir(o.a);
  } else if (o.action == "mv") {
    status = files.move(o.a, o.b);
  }
  if (!status) return out.fail(status.error());
  out.json_result({{"ok", true}, {"action", o.action}});
  return 0;
}

CLI::App* add_action(CLI::App& cmd, FsOptions& o, const char* name, const char* help) {
  CLI::App* sub = cmd.add_subcommand(name, help);
  sub->callback([&o, name] { o.action = name; });
  return sub;
}

}  // namespace

Runner setup_fs(CLI::App& cmd) {
  auto opts = std::make_shared<FsOptions>();
  FsOptions& o = *opts;
  cmd.require_subcommand(1);
  add_port_option(cmd, o.connection);
  add_web_options(cmd, o.connection);
  add_action(cmd, o, "ls", "List a folder (default /)")->add_option("path", o.a, "Board folder");
  add_action(cmd, o, "cat", "Print a file")->add_option("path", o.a, "Board file")->required();
  auto* put = add_action(cmd, o, "put", "Copy a local file to the board");
  put->add_option("local", o.a, "Local file")->required();
  put->add_option("remote", o.b, "Board path (default: same name in /; a path ending in / is a folder)");
  auto* get = add_action(cmd, o, "get", "Copy a board file here");
  get->add_option("remote", o.a, "Board file")->required();
  get->add_option("local", o.b, "Local path (default: same name here)");
  add_action(cmd, o, "rm", "Remove a file or, recursively, a folder")
      ->add_option("path", o.a, "Board path")
      ->required();
  add_action(cmd, o, "mkdir", "Create a folder and its parents")->add_option("path", o.a, "Board folder")->required();
  auto* mv = add_action(cmd, o, "mv", "Rename or move a file or folder");
  mv->add_option("from", o.a, "Board path")->required();
  mv->add_option("to", o.b, "New board path")->required();
  return [opts](const GlobalOptions& globals) {
    Output out(globals);
    std::unique_ptr<ReplSession> session;
    std::unique_ptr<Http> http;
    auto files = open_board_files(opts->connection, session, http);
    if (!files) return out.fail(files.error());
    return do_action(**files, *opts, out);
  };
}

}  // namespace cpy::cli
