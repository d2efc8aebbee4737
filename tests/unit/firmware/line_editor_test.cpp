// The friendly REPL's line editor: the line it builds and the terminal bytes it sends for each key.
#include <doctest/doctest.h>

#include "firmware/supervisor/line_editor.hpp"

using namespace cpy::firmware;

namespace {

std::string type(LineEditor& editor, std::string_view text) {
  std::string out;
  for (char c : text) out += editor.insert(c);
  return out;
}

}  // namespace

TEST_CASE("typing at the end of the line echoes each character") {
  LineHistory history;
  LineEditor editor(history);
  editor.start({});
  CHECK(type(editor, "abc") == "abc");
  CHECK(editor.line() == "abc");
  CHECK(editor.cursor() == 3);
}

TEST_CASE("left arrow moves back with a backspace and typing inserts and redraws the tail") {
  LineHistory history;
  LineEditor editor(history);
  editor.start({});
  type(editor, "ac");
  CHECK(editor.apply(EditKey::left) == "\b");
  CHECK(editor.insert('b') == "bc\b");
  CHECK(editor.line() == "abc");
  CHECK(editor.cursor() == 2);
  CHECK(editor.apply(EditKey::right) == "c");
  CHECK(editor.apply(EditKey::right) == "");
}

TEST_CASE("home and end move over the line; long moves use ESC [ n D") {
  LineHistory history;
  LineEditor editor(history);
  editor.start({});
  type(editor, "x = 12345");
  CHECK(editor.apply(EditKey::home) == "\x1b[9D");
  CHECK(editor.cursor() == 0);
  CHECK(editor.apply(EditKey::left) == "");
  CHECK(editor.apply(EditKey::end) == "x = 12345");
  CHECK(editor.cursor() == 9);
}

TEST_CASE("backspace in the middle erases the tail and redraws it") {
  LineHistory history;
  LineEditor editor(history);
  editor.start({});
  type(editor, "abcd");
  editor.apply(EditKey::left);
  editor.apply(EditKey::left);
  CHECK(editor.apply(EditKey::backspace) == "\b\x1b[Kcd\b\b");
  CHECK(editor.line() == "acd");
  CHECK(editor.cursor() == 1);
}

TEST_CASE("backspace after auto-indent removes four spaces at once") {
  LineHistory history;
  LineEditor editor(history);
  editor.start("        ");
  CHECK(editor.empty());
  CHECK(editor.apply(EditKey::backspace) == "\b\b\b\b\x1b[K");
  CHECK(editor.line() == "    ");
  type(editor, "x");
  CHECK_FALSE(editor.empty());
  CHECK(editor.apply(EditKey::backspace) == "\b\x1b[K");
}

TEST_CASE("delete, kill to end and kill to start edit around the cursor") {
  LineHistory history;
  LineEditor editor(history);
  editor.start({});
  type(editor, "abcdef");
  editor.apply(EditKey::home);
  CHECK(editor.apply(EditKey::delete_char) == "\x1b[Kbcdef\x1b[5D");
  editor.apply(EditKey::right);
  editor.apply(EditKey::right);
  CHECK(editor.apply(EditKey::kill_to_end) == "\x1b[K");
  CHECK(editor.line() == "bc");
  editor.apply(EditKey::left);
  CHECK(editor.apply(EditKey::kill_to_start) == "\b\x1b[Kc\b");
  CHECK(editor.line() == "c");
  CHECK(editor.cursor() == 0);
}

TEST_CASE("up and down walk the history newest first and back to an empty line") {
  LineHistory history;
  LineEditor editor(history);
  for (const char* line : {"a = 1", "b = 22"}) {
    editor.start({});
    type(editor, line);
    editor.finish();
  }
  editor.start({});
  type(editor, "z");
  CHECK(editor.apply(EditKey::up) == "\bb = 22");
  CHECK(editor.apply(EditKey::up) == "\x1b[6D\x1b[Ka = 1");
  CHECK(editor.apply(EditKey::up) == "");
  CHECK(editor.line() == "a = 1");
  CHECK(editor.apply(EditKey::down) == "\x1b[5Db = 22");
  CHECK(editor.apply(EditKey::down) == "\x1b[6D\x1b[K");
  CHECK(editor.line().empty());
  CHECK(editor.apply(EditKey::down) == "");
}

TEST_CASE("history keeps eight lines, skips empty lines and repeats") {
  LineHistory history;
  for (int i = 0; i < 10; ++i) history.push("line " + std::to_string(i));
  history.push("line 9");
  history.push("");
  CHECK(history.size() == LineHistory::k_size);
  CHECK(history.at(0) == "line 9");
  CHECK(history.at(7) == "line 2");
}

TEST_CASE("escape sequences and control keys map to editing keys") {
  CHECK(decode_escape("[A") == EditKey::up);
  CHECK(decode_escape("[D") == EditKey::left);
  CHECK(decode_escape("OH") == EditKey::home);
  CHECK(decode_escape("[4~") == EditKey::end);
  CHECK(decode_escape("[3~") == EditKey::delete_char);
  CHECK_FALSE(decode_escape("[Z").has_value());
  CHECK(control_key('\x01') == EditKey::home);
  CHECK(control_key('\x05') == EditKey::end);
  CHECK(control_key('\x10') == EditKey::up);
  CHECK_FALSE(control_key('\x03').has_value());
}
