// WebWorkflow's /fs/ API: directory JSON, file GET/PUT (written to a temp file, then renamed), mkdir -p,
// recursive DELETE, MOVE with X-Destination, and their status codes.
#include <algorithm>

#include "firmware/supervisor/json_writer.hpp"
#include "firmware/supervisor/web_replies.hpp"
#include "firmware/supervisor/web_workflow.hpp"

namespace cpy::firmware {

using namespace web;

namespace {

constexpr std::string_view k_fs_methods = "GET, OPTIONS, PUT, DELETE, MOVE";
constexpr std::string_view k_temp_suffix = ".cpytool-web~";

std::string parent_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string join(const std::string& dir, const std::string& name) { return (dir == "/" ? "" : dir) + "/" + name; }

std::string content_type(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".py") || ends(".txt") || ends(".toml")) return "text/plain;charset=UTF-8";
  if (ends(".js")) return "text/javascript;charset=UTF-8";
  if (ends(".html")) return "text/html;charset=UTF-8";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

/// X-Timestamp (ms since 1970) as FAT stores it: whole seconds, rounded down to even.
std::optional<std::int64_t> timestamp_seconds(const HttpRequest& request) {
  const std::string* ms = request.header("X-Timestamp");
  if (!ms || ms->empty() || ms->size() > 18 ||
      !std::all_of(ms->begin(), ms->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::int64_t seconds = std::stoll(*ms) / 1000;
  return seconds - seconds % 2;
}

}  // namespace

std::optional<std::string> fs_drive_path(std::string_view decoded_target) {
  constexpr std::string_view prefix = "/fs/";
  if (!decoded_target.starts_with(prefix)) return std::nullopt;
  std::string_view rest = decoded_target.substr(prefix.size());
  if (rest.ends_with('/')) rest.remove_suffix(1);
  std::string out;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    if (part.empty() || part == "." || part == "..") return std::nullopt;
    out += "/";
    out += part;
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (slash != std::string_view::npos && rest.empty()) return std::nullopt;
  }
  return out.empty() ? "/" : out;
}

HttpResponse WebWorkflow::route_fs(const HttpRequest& request, const std::string& decoded) {
  if (request.method == "OPTIONS") return preflight(k_fs_methods);
  if (!authorized(request)) return unauthorized();
  auto path = fs_drive_path(decoded);
  if (!path) return status_only(400);
  const bool directory = decoded.ends_with('/');
  const std::string& m = request.method;
  if (m == "DELETE") return delete_entry(*path);
  if (m == "MOVE") return move_entry(request, *path);
  if (m == "GET") return directory ? list_directory(request, *path) : get_file(*path);
  if (m == "PUT") return directory ? make_directories(request, *path) : put_file(request, *path);
  return method_not_allowed(k_fs_methods);
}

HttpResponse WebWorkflow::list_directory(const HttpRequest& request, const std::string& dir) const {
  if (m_drive.kind(dir) != EntryKind::directory) return status_only(404);
  const std::string* accept = request.header("Accept");
  if (!accept || !equals_ignoring_case(*accept, "application/json")) {
    if (dir != "/") return status_only(404);
    return html_reply(
        "<!DOCTYPE html><html><body><p>Ask for this folder with Accept: application/json.</p></body></html>");
  }
  auto names = m_drive.list(dir);
  if (!names) return status_only(500);
  DriveUsage usage = m_drive.usage();
  JsonWriter json;
  json.begin_object();
  json.key("free").unsigned_number(usage.free_blocks);
  json.key("total").unsigned_number(usage.total_blocks);
  json.key("block_size").unsigned_number(usage.block_size);
  json.key("writable").boolean(!usb_owned());
  json.key("files").begin_array();
  for (const std::string& name : names.value()) {
    EntryStat st = m_drive.stat(join(dir, name));
    if (st.kind == EntryKind::missing) continue;  // removed while listing
    const bool is_dir = st.kind == EntryKind::directory;
    json.begin_object();
    json.key("name").string(name);
    json.key("directory").boolean(is_dir);
    json.key("modified_ns").number(st.mtime * 1'000'000'000);
    json.key("file_size").unsigned_number(is_dir ? 0 : st.size);
    json.end_object();
  }
  json.end_array().end_object();
  return json_reply(json);
}

HttpResponse WebWorkflow::get_file(const std::string& path) const {
  if (m_drive.kind(path) != EntryKind::file) return status_only(404);
  auto data = m_drive.read(path);
  if (!data) return status_only(500);
  HttpResponse r;
  r.body = std::move(*data);
  r.with("Content-Type", content_type(path));
  return r;
}

std::optional<HttpResponse> WebWorkflow::check_file_write(const HttpRequest& head, const std::string& path) const {
  if (path == "/" || m_drive.kind(parent_of(path)) != EntryKind::directory) return status_only(404);
  EntryStat existing = m_drive.stat(path);
  if (existing.kind == EntryKind::directory) return status_only(500);
  DriveUsage usage = m_drive.usage();
  const std::uint64_t room = usage.free_blocks * usage.block_size + existing.size;
  if (head.content_length > room) return status_only(head.expects_continue() ? 417 : 413);
  return std::nullopt;
}

HttpResponse WebWorkflow::put_file(const HttpRequest& request, const std::string& path) {
  if (usb_owned()) return usb_conflict();
  if (auto refused = check_file_write(request, path)) return *refused;
  const bool existed = m_drive.kind(path) == EntryKind::file;
  const std::string temp = join(parent_of(path), "." + path.substr(path.rfind('/') + 1) + std::string(k_temp_suffix));
  bool written = m_drive.write(temp, request.body).ok();
  if (written) {
    if (auto seconds = timestamp_seconds(request)) written = m_drive.set_mtime(temp, *seconds).ok();
  }
  if (written) written = m_drive.rename(temp, path).ok();
  if (!written) {
    if (m_drive.kind(temp) == EntryKind::file) (void)m_drive.remove_file(temp);
    return status_only(500);
  }
  HttpResponse r = status_only(existed ? 204 : 201);
  r.drive_changed = true;
  return r;
}

HttpResponse WebWorkflow::make_directories(const HttpRequest& request, const std::string& path) {
  if (usb_owned()) return usb_conflict();
  EntryKind kind = m_drive.kind(path);
  if (kind == EntryKind::directory) return status_only(204);
  if (kind == EntryKind::file) return status_only(404);
  std::string partial;
  for (std::size_t start = 1; start <= path.size();) {
    std::size_t slash = std::min(path.find('/', start), path.size());
    partial = path.substr(0, slash);
    start = slash + 1;
    EntryKind here = m_drive.kind(partial);
    if (here == EntryKind::file) return status_only(404);
    if (here == EntryKind::missing && !m_drive.make_directory(partial)) return status_only(500);
  }
  if (auto seconds = timestamp_seconds(request)) (void)m_drive.set_mtime(path, *seconds);
  HttpResponse r = status_only(201);
  r.drive_changed = true;
  return r;
}

FwStatus WebWorkflow::remove_tree(const std::string& path) {
  if (m_drive.kind(path) != EntryKind::directory) return m_drive.remove_file(path);
  auto names = m_drive.list(path);
  if (!names) return names.error();
  for (const std::string& name : names.value())
    if (auto st = remove_tree(join(path, name)); !st) return st;
  return m_drive.remove_directory(path);
}

HttpResponse WebWorkflow::delete_entry(const std::string& path) {
  if (usb_owned()) return usb_conflict();
  if (path == "/") return status_only(400);
  if (m_drive.kind(path) == EntryKind::missing) return status_only(404);
  HttpResponse r = status_only(remove_tree(path) ? 204 : 500);
  r.drive_changed = true;  // even a partial delete changed the drive
  return r;
}

HttpResponse WebWorkflow::move_entry(const HttpRequest& request, const std::string& path) {
  if (usb_owned()) return usb_conflict();
  const std::string* header = request.header("X-Destination");
  auto decoded = header ? percent_decode(*header) : std::nullopt;
  auto destination = decoded ? fs_drive_path(*decoded) : std::nullopt;
  if (!destination || path == "/" || *destination == "/") return status_only(400);
  if (m_drive.kind(path) == EntryKind::missing) return status_only(404);
  if (m_drive.kind(*destination) != EntryKind::missing) return status_only(412);
  if (m_drive.kind(parent_of(*destination)) != EntryKind::directory) return status_only(404);
  if (destination->starts_with(path + "/")) return status_only(400);  // a folder into itself
  if (!m_drive.rename(path, *destination)) return status_only(500);
  HttpResponse r = status_only(201);
  r.drive_changed = true;
  return r;
}

}  // namespace cpy::firmware
