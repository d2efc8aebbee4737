// libusb enumeration: ids from the device descriptor, strings when the device can be opened.
#include "device/usb/libusb_scan.hpp"

#include <string>

#include "device/usb/usb_library.hpp"

namespace cpy::device {

namespace {

std::string string_descriptor(const UsbLibrary& usb, libusb_device_handle* handle, std::uint8_t index) {
  if (index == 0) return {};
  unsigned char text[256];
  const int n = usb.get_string_descriptor_ascii(handle, index, text, sizeof text);
  return n > 0 ? std::string(reinterpret_cast<char*>(text), static_cast<std::size_t>(n)) : std::string();
}

UsbDevice describe(const UsbLibrary& usb, libusb_device* dev) {
  UsbDevice device;
  libusb_device_descriptor desc{};
  usb.get_device_descriptor(dev, &desc);
  device.vid = desc.idVendor;
  device.pid = desc.idProduct;
  device.location = std::to_string(usb.get_bus_number(dev)) + "-" + std::to_string(usb.get_device_address(dev));
  libusb_device_handle* handle = nullptr;
  const int rc = usb.open(dev, &handle);
  if (rc != 0) {
    device.note = rc == LIBUSB_ERROR_ACCESS ? "no permission to read the USB strings (udev rule needed)"
                                            : std::string("cannot open: ") + usb.error_name(rc);
    return device;
  }
  device.serial = string_descriptor(usb, handle, desc.iSerialNumber);
  device.manufacturer = string_descriptor(usb, handle, desc.iManufacturer);
  device.product = string_descriptor(usb, handle, desc.iProduct);
  usb.close(handle);
  return device;
}

}  // namespace

Result<std::vector<UsbDevice>> scan_libusb() {
  CPY_TRY(const UsbLibrary* loaded, usb_library());
  const UsbLibrary& usb = *loaded;
  libusb_context* context = nullptr;
  if (const int rc = usb.init(&context); rc != 0)
    return make_error(ExitCode::io, std::string("libusb cannot access USB here: ") + usb.error_name(rc),
                      "USB enumeration needs /dev/bus/usb (containers often lack it)");
  libusb_device** list = nullptr;
  const ssize_t count = usb.get_device_list(context, &list);
  std::vector<UsbDevice> devices;
  for (ssize_t i = 0; i < count; ++i) devices.push_back(describe(usb, list[i]));
  if (count >= 0) usb.free_device_list(list, 1);
  usb.exit(context);
  if (count < 0)
    return make_error(ExitCode::io,
                      std::string("libusb cannot list USB devices: ") + usb.error_name(static_cast<int>(count)));
  return devices;
}

}  // namespace cpy::device
