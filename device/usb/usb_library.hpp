// libusb, loaded on first use: only `devices` enumerates USB, so no other command pays for loading it and
// its libudev at start-up.
#pragma once

#include <libusb.h>

#include "core/result.hpp"

namespace cpy::device {

struct UsbLibrary {
  int (*init)(libusb_context** context);
  void (*exit)(libusb_context* context);
  ssize_t (*get_device_list)(libusb_context* context, libusb_device*** list);
  void (*free_device_list)(libusb_device** list, int unref_devices);
  int (*get_device_descriptor)(libusb_device* dev, libusb_device_descriptor* desc);
  std::uint8_t (*get_bus_number)(libusb_device* dev);
  std::uint8_t (*get_device_address)(libusb_device* dev);
  int (*open)(libusb_device* dev, libusb_device_handle** handle);
  void (*close)(libusb_device_handle* handle);
  int (*get_string_descriptor_ascii)(libusb_device_handle* handle, std::uint8_t index, unsigned char* data,
                                     int length);
  const char* (*error_name)(int code);
};

/// The process-wide libusb; an error when it cannot be loaded.
Result<const UsbLibrary*> usb_library();

}  // namespace cpy::device
