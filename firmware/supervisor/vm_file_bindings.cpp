// os file functions and open() over the board's Drive; the file object itself is Python source (_bfile).
#include "firmware/supervisor/vm_file_bindings.hpp"

#include "firmware/supervisor/board_services.hpp"
#include "firmware/vm/native.hpp"
#include "mpycross/compiler.hpp"

namespace cpy::firmware {

namespace {

using vm::Args;
using vm::ModuleObj;
using vm::Value;
using vm::Vm;

BoardServices* g_board = nullptr;

/// Buffered file objects: reads load the whole file, writes go to the drive on flush() and close().
constexpr const char* k_bfile_source = R"PY(import _bfs

class FileIO:
    def __init__(self, path, mode):
        self._path = path
        self._binary = 'b' in mode
        self._writing = 'w' in mode or 'a' in mode
        self._closed = False
        self._out = []
        if self._writing:
            _bfs.write(path, b'', 'a' in mode)
        else:
            self._data = _bfs.read(path)
            self._pos = 0

    def _check(self):
        if self._closed:
            raise ValueError('I/O operation on closed file')

    def _text(self, chunk):
        return chunk if self._binary else chunk.decode()

    def read(self, size=-1):
        self._check()
        end = len(self._data) if size is None or size < 0 else min(len(self._data), self._pos + size)
        chunk = self._data[self._pos:end]
        self._pos = end
        return self._text(chunk)

    def readline(self):
        self._check()
        end = self._data.find(b'\n', self._pos)
        end = len(self._data) if end < 0 else end + 1
        chunk = self._data[self._pos:end]
        self._pos = end
        return self._text(chunk)

    def readlines(self):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def __iter__(self):
        return iter(self.readlines())

    def write(self, data):
        self._check()
        self._out.append(data if self._binary else data.encode())
        return len(data)

    def flush(self):
        if self._writing and self._out:
            _bfs.write(self._path, b''.join(self._out), True)
            self._out = []

    def close(self):
        if not self._closed:
            self.flush()
            self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

def open(path, mode='r', *args, **kwargs):
    if mode.replace('b', '').replace('t', '').replace('+', '') not in ('r', 'w', 'a'):
        raise ValueError('invalid mode')
    return FileIO(path, mode)
)PY";

std::string path_arg(Vm& vm, Args& a, std::size_t i) {
  if (!vm.is_str(a[i])) vm.raise(vm.e_type, "path must be a str");
  return std::string(vm.to_str(a[i]));
}

/// OSError(code), as CircuitPython raises it: `e.errno` is the code, str(e) is "[Errno 2] No such file/directory".
[[noreturn]] void raise_errno(Vm& vm, int code) {
  vm.raise_value(vm.make_exception_args(vm.e_os, {Value::small(code)}));
}

[[noreturn]] void raise_missing(Vm& vm) { raise_errno(vm, 2); }

void require_writable(Vm& vm) {
  if (!g_board->python_can_write()) raise_errno(vm, 30);
}

void check(Vm& vm, const FwStatus& status) {
  if (!status) raise_errno(vm, 5);
}

Value fs_read(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  const std::string path = path_arg(vm, a, 0);
  if (g_board->drive().kind(path) != EntryKind::file) raise_missing(vm);
  auto text = g_board->drive().read(path);
  if (!text) raise_missing(vm);
  return vm.bytes(std::vector<std::uint8_t>(text->begin(), text->end()));
}

Value fs_write(Vm& vm, Args& a) {
  vm::check_args(vm, a, 3, 3);
  const std::string path = path_arg(vm, a, 0);
  require_writable(vm);
  const auto data = vm::bytes_of(vm, a[1]);
  std::string content = vm.truthy(a[2]) ? g_board->drive().read(path).value_or("") : std::string();
  content.append(data.begin(), data.end());
  check(vm, g_board->drive().write(path, content));
  return vm.none();
}

Value os_stat(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  const EntryStat st = g_board->drive().stat(path_arg(vm, a, 0));
  if (st.kind == EntryKind::missing) raise_missing(vm);
  const std::int64_t mode = st.kind == EntryKind::directory ? 0x4000 : 0x8000;
  const auto size = static_cast<std::int64_t>(st.size);
  return vm.tuple({vm.int_value(mode), vm.int_value(0), vm.int_value(0), vm.int_value(0), vm.int_value(0),
                   vm.int_value(0), vm.int_value(size), vm.int_value(st.mtime), vm.int_value(st.mtime),
                   vm.int_value(st.mtime)});
}

Value os_listdir(Vm& vm, Args& a) {
  vm::check_args(vm, a, 0, 1);
  const std::string path = a.size() == 0 ? "/" : path_arg(vm, a, 0);
  if (g_board->drive().kind(path) != EntryKind::directory) raise_missing(vm);
  auto names = g_board->drive().list(path);
  if (!names) raise_missing(vm);
  vm::RootVec items;
  for (const auto& name : names.value()) items.push_back(vm.str(name));
  return vm.list(items);
}

Value os_mkdir(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  const std::string path = path_arg(vm, a, 0);
  require_writable(vm);
  if (g_board->drive().kind(path) != EntryKind::missing) raise_errno(vm, 17);
  check(vm, g_board->drive().make_directory(path));
  return vm.none();
}

Value os_rmdir(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  const std::string path = path_arg(vm, a, 0);
  require_writable(vm);
  if (g_board->drive().kind(path) != EntryKind::directory) raise_missing(vm);
  check(vm, g_board->drive().remove_directory(path));
  return vm.none();
}

Value os_remove(Vm& vm, Args& a) {
  vm::check_args(vm, a, 1, 1);
  const std::string path = path_arg(vm, a, 0);
  require_writable(vm);
  if (g_board->drive().kind(path) != EntryKind::file) raise_missing(vm);
  check(vm, g_board->drive().remove_file(path));
  return vm.none();
}

Value os_rename(Vm& vm, Args& a) {
  vm::check_args(vm, a, 2, 2);
  const std::string from = path_arg(vm, a, 0), to = path_arg(vm, a, 1);
  require_writable(vm);
  if (g_board->drive().kind(from) == EntryKind::missing) raise_missing(vm);
  check(vm, g_board->drive().rename(from, to));
  return vm.none();
}

Value os_statvfs(Vm& vm, Args& a) {
  vm::check_args(vm, a, 0, 1);
  const DriveUsage u = g_board->drive().usage();
  const auto bsize = static_cast<std::int64_t>(u.block_size), total = static_cast<std::int64_t>(u.total_blocks),
             free = static_cast<std::int64_t>(u.free_blocks);
  return vm.tuple({vm.int_value(bsize), vm.int_value(bsize), vm.int_value(total), vm.int_value(free),
                   vm.int_value(free), vm.int_value(0), vm.int_value(0), vm.int_value(0), vm.int_value(0),
                   vm.int_value(255)});
}

Value os_getcwd(Vm& vm, Args&) { return vm.str("/"); }
Value os_sync(Vm& vm, Args&) { return vm.none(); }

Value builtin_open(Vm& vm, Args& a) {
  Value module = vm.import_module("_bfile", vm.none(), 0);
  return vm.call(vm.getattr(module, "open"), a.n_pos, 0, a.pos);  // encoding= and the like are ignored
}

void add_function(Vm& vm, ModuleObj* m, const char* name, vm::NativeFn fn) {
  vm.dict_store_str(m->globals, name, vm.native_fn(name, fn));
}

void init_bfs(Vm& vm, ModuleObj* m) {
  add_function(vm, m, "read", fs_read);
  add_function(vm, m, "write", fs_write);
}

void init_bfile(Vm& vm, ModuleObj* m) {
  auto compiled = mpycross::compile(k_bfile_source, "_bfile");
  if (auto* failure = std::get_if<mpycross::CompileFailure>(&compiled))
    vm.raise(vm.e_import, "cannot build module _bfile: " + failure->stderr_text);
  Value code = vm.load_code(std::get<std::vector<std::uint8_t>>(compiled), "_bfile");
  vm.run_module_code(static_cast<vm::CodeObj*>(code.obj()), m);
}

}  // namespace

void register_file_functions(Vm& vm, BoardServices& services) {
  g_board = &services;
  vm.register_builtin_module("_bfs", init_bfs);
  vm.register_builtin_module("_bfile", init_bfile);
  Value os = vm.import_module("os", vm.none(), 0);
  auto* module = static_cast<ModuleObj*>(os.obj());
  struct Fn {
    const char* name;
    vm::NativeFn fn;
  };
  static constexpr Fn k_os_functions[] = {
      {"stat", os_stat},     {"listdir", os_listdir}, {"mkdir", os_mkdir},   {"rmdir", os_rmdir}, {"remove", os_remove},
      {"rename", os_rename}, {"statvfs", os_statvfs}, {"getcwd", os_getcwd}, {"sync", os_sync},
  };
  for (const auto& f : k_os_functions) add_function(vm, module, f.name, f.fn);
  vm.dict_store_str(vm.builtins(), "open", vm.native_fn("open", builtin_open));
}

}  // namespace cpy::firmware
