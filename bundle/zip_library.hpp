// libzip, loaded on first use: linking it pulls libcrypto into every start, and most commands never open a zip.
#pragma once

#include <zip.h>

#include "core/result.hpp"

namespace cpy::bundle {

struct ZipLibrary {
  decltype(&::zip_open) open;
  decltype(&::zip_discard) discard;
  decltype(&::zip_close) close;
  decltype(&::zip_strerror) strerror;
  decltype(&::zip_get_num_entries) get_num_entries;
  decltype(&::zip_get_name) get_name;
  decltype(&::zip_stat_init) stat_init;
  decltype(&::zip_stat_index) stat_index;
  decltype(&::zip_fopen_index) fopen_index;
  decltype(&::zip_fread) fread;
  decltype(&::zip_fclose) fclose;
  decltype(&::zip_file_strerror) file_strerror;
  decltype(&::zip_error_init_with_code) error_init_with_code;
  decltype(&::zip_error_strerror) error_strerror;
  decltype(&::zip_error_fini) error_fini;
  decltype(&::zip_source_buffer) source_buffer;
  decltype(&::zip_source_free) source_free;
  decltype(&::zip_file_add) file_add;
};

/// The process-wide libzip, opened once; an error when it cannot be loaded.
Result<const ZipLibrary*> zip_library();

}  // namespace cpy::bundle
