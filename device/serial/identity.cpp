// The identity probe: its Python text and the parser of what it prints.
#include "device/serial/identity.hpp"

#include <array>
#include <charconv>
#include <sstream>

namespace cpy::device {

std::string identity_probe_code() {
  return "import sys,os\n"
         "i=sys.implementation\n"
         "u=os.uname()\n"
         "print('impl='+i.name)\n"
         "print('version='+u.release)\n"
         "print('tag='+u.version.split(' on ')[0])\n"
         "print('machine='+u.machine)\n"
         "print('mpy='+str(getattr(i,'_mpy',getattr(i,'mpy',0))))\n"
         "try:\n import board;print('board_id='+board.board_id)\nexcept Exception:\n pass\n"
         "try:\n import microcontroller;print('uid='+''.join('%02X'%b for b in microcontroller.cpu.uid))\n"
         "except Exception:\n pass\n"
         "try:\n import supervisor;print('safe_mode='+str(supervisor.runtime.safe_mode_reason))\n"
         "except Exception:\n pass\n";
}

std::string BoardIdentity::mpy_arch() const {
  static constexpr std::array<const char*, 12> k_names = {"none",      "x86",    "x64",       "armv6",
                                                          "armv6m",    "armv7m", "armv7em",   "armv7emsp",
                                                          "armv7emdp", "xtensa", "xtensawin", "rv32imc"};
  const int arch = (mpy_value >> 10) & 0xf;
  return arch < static_cast<int>(k_names.size()) ? k_names[static_cast<std::size_t>(arch)] : "unknown";
}

namespace {

void assign(BoardIdentity& id, const std::string& key, const std::string& value) {
  if (key == "impl") id.implementation = value;
  if (key == "version") id.version = value;
  if (key == "tag") id.tag = value;
  if (key == "machine") id.machine = value;
  if (key == "board_id") id.board_id = value;
  if (key == "uid") id.uid = value;
  if (key == "mpy") std::from_chars(value.data(), value.data() + value.size(), id.mpy_value);
  if (key == "safe_mode") id.safe_mode_reason = value.substr(value.rfind('.') + 1);
}

}  // namespace

Result<BoardIdentity> parse_identity(std::string_view output) {
  BoardIdentity id;
  std::istringstream in{std::string(output)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto eq = line.find('=');
    if (eq != std::string::npos) assign(id, line.substr(0, eq), line.substr(eq + 1));
  }
  if (id.implementation.empty())
    return make_error(ExitCode::io,
                      "the board's identity probe printed nothing usable: " + std::string(output.substr(0, 80)));
  return id;
}

}  // namespace cpy::device
