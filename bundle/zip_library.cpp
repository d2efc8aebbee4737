// Opens libzip at run time and resolves the entry points the bundle reader and writer use.
#include "bundle/zip_library.hpp"

#include "core/shared_library.hpp"

namespace cpy::bundle {

namespace {

Result<const ZipLibrary*> load() {
  static ZipLibrary lib{};
  CPY_TRY(SharedLibrary so, SharedLibrary::open({"libzip.so.4", "libzip.so"}, "libzip4"));
  const bool ok =
      so.resolve("zip_open", lib.open) && so.resolve("zip_discard", lib.discard) &&
      so.resolve("zip_close", lib.close) && so.resolve("zip_strerror", lib.strerror) &&
      so.resolve("zip_get_num_entries", lib.get_num_entries) && so.resolve("zip_get_name", lib.get_name) &&
      so.resolve("zip_stat_init", lib.stat_init) && so.resolve("zip_stat_index", lib.stat_index) &&
      so.resolve("zip_fopen_index", lib.fopen_index) && so.resolve("zip_fread", lib.fread) &&
      so.resolve("zip_fclose", lib.fclose) && so.resolve("zip_file_strerror", lib.file_strerror) &&
      so.resolve("zip_error_init_with_code", lib.error_init_with_code) &&
      so.resolve("zip_error_strerror", lib.error_strerror) && so.resolve("zip_error_fini", lib.error_fini) &&
      so.resolve("zip_source_buffer", lib.source_buffer) && so.resolve("zip_source_free", lib.source_free) &&
      so.resolve("zip_file_add", lib.file_add);
  if (!ok) return make_error(ExitCode::failure, "the installed libzip lacks a function cpytool needs");
  return &lib;
}

}  // namespace

Result<const ZipLibrary*> zip_library() { return load_once(&load); }

}  // namespace cpy::bundle
