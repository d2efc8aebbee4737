// BoardFiles over the raw REPL: small Python snippets, data hex-encoded so any byte survives the console.
#include "device/serial/repl_files.hpp"

#include <cstdio>
#include <sstream>

namespace cpy::device {

namespace {

constexpr std::size_t k_write_chunk = 4096;  // bytes per exec: keeps the board's heap use small

std::string to_hex(std::string_view data) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (unsigned char c : data) {
    out += k_digits[c >> 4];
    out += k_digits[c & 15];
  }
  return out;
}

Result<std::string> from_hex(std::string_view text) {
  std::string out;
  int high = -1;
  for (char c : text) {
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0) continue;  // line breaks between chunks
    if (high < 0) {
      high = v;
    } else {
      out += static_cast<char>(high * 16 + v);
      high = -1;
    }
  }
  if (high >= 0) return make_error(ExitCode::io, "the board sent an odd number of hex digits");
  return out;
}

Error explain_traceback(const std::string& err, const std::string& path) {
  const std::string last = err.substr(err.rfind('\n', err.size() > 2 ? err.size() - 3 : 0) + 1);
  std::string hint;
  if (err.find("Errno 30") != std::string::npos || err.find("EROFS") != std::string::npos)
    hint =
        "the drive is read-only to Python while a computer has it mounted over USB: copy through the drive "
        "(cpytool deploy) or remount it in boot.py";
  if (err.find("Errno 2]") != std::string::npos || err.find("ENOENT") != std::string::npos)
    return make_error(ExitCode::io, "no such file or folder on the board: " + path);
  std::string text = last;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return make_error(ExitCode::io, "the board could not do it for " + path + ": " + text, hint);
}

}  // namespace

std::string python_string(const std::string& text) {
  std::string out = "'";
  for (unsigned char c : text) {
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\x%02x", c);
      out += esc;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "'";
}

Result<std::string> ReplFiles::run(const std::string& code, const std::string& path) {
  CPY_TRY(ExecResult result, m_repl.exec(code));
  if (result.raised()) return explain_traceback(result.err, path);
  return std::move(result.out);
}

Result<std::vector<FileEntry>> ReplFiles::list(const std::string& dir) {
  const std::string p = python_string(normalize_board_path(dir));
  CPY_TRY(std::string out, run("import os\nd=" + p +
                                   "\nfor n in sorted(os.listdir(d)):\n"
                                   " s=os.stat(d.rstrip('/')+'/'+n)\n"
                                   " print('%d\\t%d\\t%d\\t%s'%(s[0],s[6],s[8],n))\n",
                               dir));
  std::vector<FileEntry> entries;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    unsigned long long mode = 0, size = 0;
    long long mtime = 0;
    int used = 0;
    if (std::sscanf(line.c_str(), "%llu\t%llu\t%lld\t%n", &mode, &size, &mtime, &used) < 3 || used == 0) continue;
    entries.push_back({line.substr(static_cast<std::size_t>(used)), (mode & 0x4000) != 0, size, mtime});
  }
  return entries;
}

Result<std::string> ReplFiles::read(const std::string& path) {
  CPY_TRY(std::string out, run("import binascii\nwith open(" + python_string(normalize_board_path(path)) +
                                   ",'rb') as f:\n while 1:\n  b=f.read(512)\n  if not b:break\n"
                                   "  print(binascii.hexlify(b).decode())\n",
                               path));
  return from_hex(out);
}

Status ReplFiles::write(const std::string& path, const std::string& data) {
  const std::string p = python_string(normalize_board_path(path));
  std::size_t at = 0;
  do {
    const std::string piece = data.substr(at, k_write_chunk);
    std::string code = "import binascii\nwith open(" + p + (at == 0 ? ",'wb')" : ",'ab')") +
                       " as f:\n f.write(binascii.unhexlify('" + to_hex(piece) + "'))\n";
    CPY_CHECK(run(code, path));
    at += piece.size();
  } while (at < data.size());
  return ok_status();
}

Status ReplFiles::remove(const std::string& path) {
  CPY_CHECK(
      run("import os\ndef rm(p):\n if os.stat(p)[0]&0x4000:\n  for n in os.listdir(p):rm(p+'/'+n)\n"
          "  os.rmdir(p)\n else:\n  os.remove(p)\nrm(" +
              python_string(normalize_board_path(path)) + ")\n",
          path));
  return ok_status();
}

Status ReplFiles::mkdir(const std::string& path) {
  CPY_CHECK(run("import os\np=''\nfor n in " + python_string(normalize_board_path(path)) +
                    ".split('/'):\n if not n:continue\n p+='/'+n\n try:\n  os.mkdir(p)\n except OSError as e:\n"
                    "  if os.stat(p)[0]&0x4000==0:raise\n",
                path));
  return ok_status();
}

Status ReplFiles::move(const std::string& from, const std::string& to) {
  CPY_CHECK(run("import os\nos.rename(" + python_string(normalize_board_path(from)) + "," +
                    python_string(normalize_board_path(to)) + ")\n",
                from));
  return ok_status();
}

Result<FileCheck> ReplFiles::check(const std::string& path) {
  CPY_TRY(std::string out,
          run("import os\np=" + python_string(normalize_board_path(path)) +
                  "\nprint(os.stat(p)[6])\ntry:\n import binascii\n c=0\n with open(p,'rb') as f:\n  while 1:\n"
                  "   b=f.read(512)\n   if not b:break\n   c=binascii.crc32(b,c)\n print(c&0xffffffff)\nexcept "
                  "(ImportError,AttributeError):\n pass\n",
              path));
  FileCheck check;
  unsigned long long size = 0;
  unsigned long crc = 0;
  const int n = std::sscanf(out.c_str(), "%llu %lu", &size, &crc);
  if (n < 1) return make_error(ExitCode::io, "the board gave no size for " + path);
  check.size = size;
  if (n == 2) check.crc32 = static_cast<std::uint32_t>(crc);
  return check;
}

}  // namespace cpy::device
