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

Result<BoardCatalog> BoardCatalog::load_default() {
  std::filesystem::path path;
  if (const char* file = std::getenv("CPYTOOL_BOARDS"); file && *file) path = file;
  if (path.empty()) path = find_data_file("boards.json");
  if (path.empty())
    return make_error(ExitCode::io, "board catalog boards.json not found",
                      "install cpytool with its data files, or set CPYTOOL_DATA_DIR");
  CPY_TRY(std::string text, read_file(path));
  return parse(text, path.string());
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
