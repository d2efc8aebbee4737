// Parsing the board catalog JSON into BoardInfo records.
#include "core/board_catalog.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"
#include "core/paths.hpp"

namespace cpy {

namespace {

std::string text_field(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

BoardInfo board_from_json(const std::string& id, const nlohmann::json& obj) {
  BoardInfo b{id,
              text_field(obj, "name"),
              text_field(obj, "port"),
              text_field(obj, "mcu"),
              text_field(obj, "usb_vid"),
              text_field(obj, "usb_pid"),
              {}};
  if (auto it = obj.find("frozen"); it != obj.end() && it->is_array())
    for (const auto& f : *it)
      if (f.is_string()) b.frozen.push_back(f.get<std::string>());
  return b;
}

}  // namespace

Result<BoardCatalog> BoardCatalog::parse(const std::string& json_text, const std::string& origin) {
  const auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("boards") || !doc["boards"].is_object())
    return make_error(ExitCode::bad_input, "board catalog is not valid JSON with a \"boards\" object (" + origin + ")");
  BoardCatalog catalog;
  for (const auto& [id, obj] : doc["boards"].items())
    if (obj.is_object()) catalog.m_boards.emplace(id, board_from_json(id, obj));
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
