// errno codes: their names (the errno module) and the text CircuitPython prints in "[Errno N] text".
#include "firmware/vm/errno_text.hpp"

namespace cpy::vm {

namespace {

constexpr ErrnoName k_names[] = {
    {"EPERM", 1},          {"ENOENT", 2},         {"EIO", 5},        {"EBADF", 9},         {"EAGAIN", 11},
    {"ENOMEM", 12},        {"EACCES", 13},        {"EEXIST", 17},    {"ENODEV", 19},       {"EISDIR", 21},
    {"EINVAL", 22},        {"ENOSPC", 28},        {"EROFS", 30},     {"EOPNOTSUPP", 95},   {"EADDRINUSE", 98},
    {"ECONNABORTED", 103}, {"ECONNRESET", 104},   {"ENOBUFS", 105},  {"ENOTCONN", 107},    {"ETIMEDOUT", 110},
    {"ECONNREFUSED", 111}, {"EHOSTUNREACH", 113}, {"EALREADY", 114}, {"EINPROGRESS", 115},
};

const char* common_text(int code) {
  switch (code) {
    case 1:
      return "Operation not permitted";
    case 2:
      return "No such file/directory";
    case 5:
      return "Input/output error";
    case 13:
      return "Permission denied";
    case 17:
      return "File exists";
    case 19:
      return "No such device";
    case 22:
      return "Invalid argument";
    case 28:
      return "No space left on device";
    case 30:
      return "Read-only filesystem";
    default:
      return nullptr;
  }
}

}  // namespace

std::span<const ErrnoName> errno_names() { return k_names; }

std::string errno_text(int code) {
  if (const char* text = common_text(code)) return text;
  for (const auto& n : k_names)
    if (n.code == code) return n.name;
  return {};
}

}  // namespace cpy::vm
