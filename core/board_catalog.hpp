// The board catalog (data/boards.json): board id -> name, USB ids and the library repositories frozen in.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace cpy {

struct BoardInfo {
  std::string id;
  std::string name;
  std::string port;
  std::string mcu;
  std::string usb_vid;
  std::string usb_pid;
  /// FROZEN_MPY_DIRS entries: library repository names, sometimes with a sub-folder ("Repo/frozen_cpx").
  std::vector<std::string> frozen;
};

class BoardCatalog {
 public:
  static Result<BoardCatalog> parse(const std::string& json_text, const std::string& origin);
  /// Loads data/boards.json found by find_data_file (CPYTOOL_BOARDS names a file directly).
  static Result<BoardCatalog> load_default();
  /// One board of the default catalog, found without reading the others (a warm `list` asks for one board);
  /// nullopt when the catalog has no such board.
  static Result<std::optional<BoardInfo>> load_board(const std::string& board_id);

  const BoardInfo* find(const std::string& board_id) const;
  std::vector<std::string> ids() const;
  std::size_t size() const { return m_boards.size(); }

 private:
  std::map<std::string, BoardInfo> m_boards;
};

}  // namespace cpy
