// One-shot board queries over the raw REPL.
#include "device/serial/board_query.hpp"

#include "device/serial/port.hpp"
#include "device/serial/raw_repl.hpp"

namespace cpy::device {

namespace {

Result<std::string> ask(const std::string& port_path, const std::string& code) {
  CPY_TRY(auto port, open_serial_port(port_path));
  RawRepl repl(*port);
  CPY_CHECK(repl.enter());
  CPY_TRY(ExecResult result, repl.exec(code));
  (void)repl.leave();
  if (result.raised())
    return make_error(ExitCode::failure, "the board could not answer (" + port_path + "): " + result.err);
  return std::move(result.out);
}

}  // namespace

Result<ModuleList> query_modules(const std::string& port, const std::vector<std::string>& known_frozen) {
  CPY_TRY(std::string out, ask(port, std::string(k_modules_code)));
  return parse_modules(out, known_frozen);
}

Result<BoardIdentity> query_identity(const std::string& port) {
  CPY_TRY(std::string out, ask(port, identity_probe_code()));
  return parse_identity(out);
}

}  // namespace cpy::device
