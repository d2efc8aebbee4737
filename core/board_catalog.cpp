// The board catalog: loading data/boards.json and looking boards up.
#include "core/board_catalog.hpp"

#include <cstdlib>

#include "core/atomic_file.hpp"
#include "core/board_catalog_sax.hpp"
#include "core/paths.hpp"

namespace cpy {

Result<BoardCatalog> BoardCatalog::parse(const std::string& json_text, const std::string& origin) {
  BoardCatalog catalog;
  if (!read_board_catalog(json_text, catalog.m_boards))
    return make_error(ExitCode::bad_input, "board catalog is not valid JSON with a \"boards\" object (" + origin + ")");
  return catalog;
}

namespace {

Result<std::filesystem::path> default_path() {
  std::filesystem::path path;
  if (const char* file = std::getenv("CPYTOOL_BOARDS"); file && *file) path = file;
  if (path.empty()) path = find_data_file("boards.json");
  if (path.empty())
    return make_error(ExitCode::io, "board catalog boards.json not found",
                      "install cpytool with its data files, or set CPYTOOL_DATA_DIR");
  return path;
}

/// End of the flat JSON object (no object inside, like every board's) that starts at `open`, strings skipped;
/// npos when unbalanced or not flat.
std::size_t flat_object_end(const std::string& text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '{') {
      if (++depth > 1) return std::string::npos;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string::npos;
}

/// The text of the object that is the value of key `"id"`, when the key occurs as a key holding an object.
std::optional<std::string> board_object(const std::string& text, const std::string& id) {
  const std::string quoted = "\"" + id + "\"";
  for (auto at = text.find(quoted); at != std::string::npos; at = text.find(quoted, at + 1)) {
    auto i = text.find_first_not_of(" \t\r\n", at + quoted.size());
    if (i == std::string::npos || text[i] != ':') continue;
    i = text.find_first_not_of(" \t\r\n", i + 1);
    if (i == std::string::npos || text[i] != '{') continue;
    const auto end = flat_object_end(text, i);
    if (end != std::string::npos) return text.substr(i, end - i);
  }
  return std::nullopt;
}

}  // namespace

Result<BoardCatalog> BoardCatalog::load_default() {
  CPY_TRY(std::filesystem::path path, default_path());
  CPY_TRY(std::string text, read_file(path));
  return parse(text, path.string());
}

Result<std::optional<BoardInfo>> BoardCatalog::load_board(const std::string& board_id) {
  CPY_TRY(std::filesystem::path path, default_path());
  CPY_TRY(std::string text, read_file(path));
  const auto object = board_id.find_first_of("\"\\") == std::string::npos ? board_object(text, board_id)
                                                                         : std::nullopt;
  if (!object) {
    // Not found the quick way (an unknown id, or a board of an unusual shape): ask the whole catalog.
    CPY_TRY(BoardCatalog all, parse(text, path.string()));
    const BoardInfo* info = all.find(board_id);
    return info ? std::optional<BoardInfo>(*info) : std::nullopt;
  }
  CPY_TRY(BoardCatalog one, parse("{\"boards\": {\"" + board_id + "\": " + *object + "}}", path.string()));
  const BoardInfo* info = one.find(board_id);
  return info ? std::optional<BoardInfo>(*info) : std::nullopt;
}

const BoardInfo* BoardCatalog::find(const std::string& board_id) const {
  auto it = m_boards.find(board_id);
  return it == m_boards.end() ? nullptr : &it->second;
}

std::vector<std::string> BoardCatalog::ids() const {
  std::vector<std::string> out;
  for (const auto& [id, _] : m_boards) out.push_back(id);
  return out;
}

}  // namespace cpy
