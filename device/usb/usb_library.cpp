// Opens libusb at run time and resolves the entry points USB enumeration uses.
#include "device/usb/usb_library.hpp"

#include "core/shared_library.hpp"

namespace cpy::device {

namespace {

Result<const UsbLibrary*> load() {
  static UsbLibrary lib{};
  CPY_TRY(SharedLibrary so, SharedLibrary::open({"libusb-1.0.so.0", "libusb-1.0.so"}, "libusb-1.0-0"));
  const bool ok = so.resolve("libusb_init", lib.init) && so.resolve("libusb_exit", lib.exit) &&
                  so.resolve("libusb_get_device_list", lib.get_device_list) &&
                  so.resolve("libusb_free_device_list", lib.free_device_list) &&
                  so.resolve("libusb_get_device_descriptor", lib.get_device_descriptor) &&
                  so.resolve("libusb_get_bus_number", lib.get_bus_number) &&
                  so.resolve("libusb_get_device_address", lib.get_device_address) &&
                  so.resolve("libusb_open", lib.open) && so.resolve("libusb_close", lib.close) &&
                  so.resolve("libusb_get_string_descriptor_ascii", lib.get_string_descriptor_ascii) &&
                  so.resolve("libusb_error_name", lib.error_name);
  if (!ok) return make_error(ExitCode::failure, "the installed libusb lacks a function cpytool needs");
  return &lib;
}

}  // namespace

Result<const UsbLibrary*> usb_library() { return load_once(&load); }

}  // namespace cpy::device
