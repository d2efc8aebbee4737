// run_mpy_cross: mpy-cross's own argument syntax, file I/O and messages around mpycross::compile (spec §8, §10).
// Kept free of CLI11 so the standalone `mpy-cross` binary (cli/mpy_cross_main.cpp) links only the compiler.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands/mpy_cross.hpp"
#include "mpycross/compiler.hpp"

namespace cpy::cli {
namespace {

constexpr const char* k_version_text = "CircuitPython 10.3.0 (cpytool); mpy-cross emitting mpy v6.3\n";

struct MpyCrossArgs {
  std::string input;
  std::string output;
  std::string source_name;
  bool has_output = false;
  bool has_source_name = false;
  mpycross::Options options;
};

int usage(const char* prog) {
  std::printf(
      "usage: %s [<opts>] [-X <implopt>] [--] <input filename>\n"
      "Options:\n"
      "--version : show version information\n"
      "-o : output file for compiled bytecode (defaults to input filename with .mpy extension)\n"
      "-s : source filename to embed in the compiled bytecode (defaults to input file)\n"
      "-v : verbose (trace various operations); can be multiple\n"
      "-O[N] : apply bytecode optimizations of level N\n"
      "\n"
      "Target specific options:\n"
      "-msmall-int-bits=number : set the maximum bits used to encode a small-int\n"
      "-march=<arch> : set architecture for native emitter (not supported by cpytool)\n"
      "\n"
      "Implementation specific options:\n"
      "  emit={bytecode,native,viper} -- set the default code emitter\n",
      prog);
  return 1;
}

int fail(const std::string& message) {
  std::fputs(message.c_str(), stderr);
  return 1;
}

// Returns -1 to continue, else an exit code.
int parse_option(const std::vector<std::string>& args, std::size_t& a, MpyCrossArgs& out) {
  const std::string& arg = args[a];
  auto next = [&](std::string& dest) {
    if (a + 1 >= args.size()) return false;
    dest = args[++a];
    return true;
  };
  if (arg == "--version") {
    std::fputs(k_version_text, stdout);
    return 0;
  }
  if (arg == "-v") return -1;
  if (arg == "-X") {
    std::string opt;
    if (!next(opt)) return usage("mpy-cross");
    if (opt == "emit=bytecode") return -1;
    if (opt == "emit=native" || opt == "emit=viper") return fail("arch not specified\n");
    return usage("mpy-cross");
  }
  if (arg.rfind("-O", 0) == 0) {
    if (arg.size() > 2 && arg[2] >= '0' && arg[2] <= '9') {
      out.options.opt_level = arg[2] - '0';
    } else {
      int count = 0;
      while (static_cast<std::size_t>(count + 1) < arg.size() && arg[static_cast<std::size_t>(count + 1)] == 'O')
        ++count;
      out.options.opt_level = count;
    }
    return -1;
  }
  if (arg == "-o") {
    if (!next(out.output)) return usage("mpy-cross");
    out.has_output = true;
    return -1;
  }
  if (arg == "-s") {
    if (!next(out.source_name)) return usage("mpy-cross");
    out.has_source_name = true;
    return -1;
  }
  const std::string bits_prefix = "-msmall-int-bits=";
  if (arg.rfind(bits_prefix, 0) == 0) {
    out.options.small_int_bits = std::atoi(arg.c_str() + bits_prefix.size());
    if (out.options.small_int_bits < 2 || out.options.small_int_bits > 63) return usage("mpy-cross");
    return -1;
  }
  if (arg.rfind("-march=", 0) == 0) {
    return fail("mpy-cross: native code is not supported by cpytool (only bytecode output)\n");
  }
  return usage("mpy-cross");
}

// stdio rather than iostreams: iostreams' static initialisation is a quarter of this binary's start-up.
bool read_stream(std::FILE* file, std::string& text) {
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  return std::ferror(file) == 0;
}

bool read_input(const std::string& path, std::string& text) {
  if (path == "-") return read_stream(stdin, text);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  return file != nullptr && read_stream(file.get(), text);
}

bool write_output(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  if (path == "-") {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  return std::fclose(file) == 0 && written;
}

}  // namespace

int run_mpy_cross(const std::vector<std::string>& args) {
  MpyCrossArgs parsed;
  bool options_done = false;
  for (std::size_t a = 0; a < args.size(); ++a) {
    const std::string& arg = args[a];
    if (!options_done && arg == "--") {
      options_done = true;
    } else if (!options_done && arg.size() > 1 && arg[0] == '-') {
      int rc = parse_option(args, a, parsed);
      if (rc >= 0) return rc;
    } else {
      if (!parsed.input.empty()) return fail("multiple input files\n");
      parsed.input = arg;
    }
  }
  if (parsed.input.empty()) return fail("no input file\n");
  std::string source;
  if (!read_input(parsed.input, source)) return fail("OSError: (2, \"can't open " + parsed.input + "\")\n");
  std::string name = parsed.has_source_name ? parsed.source_name : (parsed.input == "-" ? "<stdin>" : parsed.input);
  auto result = mpycross::compile(source, name, parsed.options);
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&result)) {
    std::fputs(failure->stderr_text.c_str(), stderr);
    return failure->exit_code;
  }
  std::string out_path = parsed.output;
  if (!parsed.has_output) {
    out_path = parsed.input == "-"
                   ? "-"
                   : parsed.input.substr(0, parsed.input.size() >= 2 ? parsed.input.size() - 2 : 0) + "mpy";
  }
  if (!write_output(out_path, std::get<std::vector<std::uint8_t>>(result))) {
    return fail("OSError: (2, \"can't open " + out_path + "\")\n");
  }
  return 0;
}

}  // namespace cpy::cli
