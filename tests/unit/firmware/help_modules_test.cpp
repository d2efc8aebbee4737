// help('modules') layout: four columns of 18, column-major, the closing line.
#include <doctest/doctest.h>

#include "firmware/supervisor/help_modules.hpp"

using cpy::firmware::help_modules_text;

TEST_CASE("help('modules') lays names out column-major in four columns of 18 characters") {
  std::string text = help_modules_text({"time", "board", "__main__", "os", "digitalio", "sys"});
  CHECK(text ==
        "__main__          digitalio         sys\n"
        "board             os                time\n"
        "Plus any modules on the filesystem\n");
}

TEST_CASE("help('modules') pushes the rest of a row right after a name of 18 characters or more") {
  std::string text = help_modules_text({"a", "abcdefghijklmnopqr", "b", "c"});
  CHECK(text ==
        "a                 abcdefghijklmnopqr                  b                 c\n"
        "Plus any modules on the filesystem\n");
}

TEST_CASE("help('modules') lists frozen package files per file and never has trailing spaces") {
  std::string text = help_modules_text({"adafruit_hid/__init__", "adafruit_hid/keyboard", "board", "neopixel", "x"});
  CHECK(text == std::string("adafruit_hid/__init__") + std::string(15, ' ') +
                    "board             x\n"
                    "adafruit_hid/keyboard" +
                    std::string(15, ' ') +
                    "neopixel\n"
                    "Plus any modules on the filesystem\n");
  CHECK(text.find(" \n") == std::string::npos);
}
