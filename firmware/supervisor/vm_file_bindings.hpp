// Files on CIRCUITPY for Python code: open(), and os.listdir/stat/mkdir/rmdir/remove/rename/statvfs/sync/getcwd
// (device-protocol.md §2.7, §10). Writes need storage.remount('/', readonly=False) in boot.py, as on a USB board.
#pragma once

namespace cpy::vm {
class Vm;
}

namespace cpy::firmware {

class BoardServices;

/// Adds the file functions to the VM's os module and replaces the builtin open().
void register_file_functions(vm::Vm& vm, BoardServices& services);

}  // namespace cpy::firmware
