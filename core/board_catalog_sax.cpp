// The catalog is {"boards": {"<id>": {"name": ..., "frozen": [...], ...}, ...}, ...}: only string fields of a
// board and the strings of its "frozen" array are kept; everything else is skipped as it streams past.
#include "core/board_catalog_sax.hpp"

#include <nlohmann/json.hpp>

namespace cpy {

namespace {

class CatalogEvents final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit CatalogEvents(std::map<std::string, BoardInfo>& boards) : m_boards(boards) {}
  bool saw_boards() const { return m_saw_boards; }

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }

  bool string(string_t& value) override {
    if (!m_board) return true;
    if (m_depth == 3) store_field(value);
    if (m_depth == 4 && m_in_frozen) m_board->frozen.push_back(value);
    return true;
  }

  bool key(string_t& name) override {
    if (m_depth == 1) m_key_is_boards = name == "boards";
    if (m_depth == 2 && m_in_boards) m_key = name;
    if (m_depth == 3) m_key = name;
    return true;
  }

  bool start_object(std::size_t) override {
    ++m_depth;
    if (m_depth == 2 && m_key_is_boards) m_in_boards = m_saw_boards = true;
    if (m_depth == 3 && m_in_boards) {
      m_board = &m_boards[m_key];
      m_board->id = m_key;
    }
    return true;
  }

  bool end_object() override {
    if (m_depth == 3) m_board = nullptr;
    if (m_depth == 2) m_in_boards = false;
    --m_depth;
    return true;
  }

  bool start_array(std::size_t) override {
    ++m_depth;
    if (m_depth == 4) m_in_frozen = m_board && m_key == "frozen";
    return true;
  }

  bool end_array() override {
    if (m_depth == 4) m_in_frozen = false;
    --m_depth;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  void store_field(const std::string& value) {
    if (m_key == "name") m_board->name = value;
    if (m_key == "port") m_board->port = value;
    if (m_key == "mcu") m_board->mcu = value;
    if (m_key == "usb_vid") m_board->usb_vid = value;
    if (m_key == "usb_pid") m_board->usb_pid = value;
  }

  std::map<std::string, BoardInfo>& m_boards;
  BoardInfo* m_board = nullptr;
  std::string m_key;
  int m_depth = 0;
  bool m_key_is_boards = false;
  bool m_in_boards = false;
  bool m_saw_boards = false;
  bool m_in_frozen = false;
};

}  // namespace

bool read_board_catalog(const std::string& json_text, std::map<std::string, BoardInfo>& boards) {
  CatalogEvents events(boards);
  const bool parsed = nlohmann::json::sax_parse(json_text, &events, nlohmann::json::input_format_t::json, false);
  return parsed && events.saw_boards();
}

}  // namespace cpy
