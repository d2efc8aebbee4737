"""The device link against a scripted board (fake_board.py) on a real pseudo-terminal, for what the virtual board
cannot produce: firmware without raw-paste (or refusing it), a board unplugged mid-command, a reset into the UF2
bootloader, boards found through sysfs. Everything else runs against the real virtual board in
test_device_virtual_board.py.
"""
import json
import unittest
from pathlib import Path

from fake_board import start_board
from harness import TempDirTestCase, run


class SerialBoardTestCase(TempDirTestCase):
    paste = "yes"

    def setUp(self):
        super().setUp()
        self.drive = self.tmp / "CIRCUITPY"
        (self.drive / "lib").mkdir(parents=True)
        (self.drive / "code.py").write_text('print("Hello World!")\n')
        self.board = start_board(self.drive, paste=self.paste)

    def tearDown(self):
        self.board.stop()
        super().tearDown()

    def cpytool(self, *args, **kwargs):
        env = {"CPYTOOL_PORT": self.board.port, "CPYTOOL_SYSFS_ROOT": str(self.tmp / "no-sysfs"),
               "CPYTOOL_MOUNTS": str(self.tmp / "no-mounts"), "CPYTOOL_MOUNT_ROOTS": str(self.tmp / "no-mounts")}
        env.update(kwargs.pop("env", {}))
        return run(list(args), env=env, timeout=30, **kwargs)


class Unplugged(SerialBoardTestCase):
    def test_board_unplugged_mid_command_exits_4_and_says_so(self):
        self.board.unplug_marker = "long_job"
        r = self.cpytool("exec", "long_job = 1\nimport time\ntime.sleep(5)", check=4)
        self.assertIn("partial output", r.stdout)
        self.assertIn("disconnected", r.stderr)


class PlainRawRepl(SerialBoardTestCase):
    paste = "no"

    def test_exec_falls_back_when_raw_paste_is_unsupported(self):
        r = self.cpytool("exec", "print('plain')", check=0)
        self.assertEqual(r.stdout, "plain\n")
        self.assertNotIn(("raw_paste", None), self.board.events)


class OldFirmware(SerialBoardTestCase):
    paste = "old"

    def test_exec_works_on_firmware_without_raw_paste(self):
        r = self.cpytool("exec", "print('old')", check=0)
        self.assertEqual(r.stdout, "old\n")


class BootloaderReset(SerialBoardTestCase):
    def test_reset_bootloader_asks_for_uf2_and_resets(self):
        r = self.cpytool("reset", "--bootloader", check=0)
        self.board.wait_for("hard_reset")
        self.assertIn(("on_next_reset", "UF2"), self.board.events)
        self.assertIn(("hard_reset", None), self.board.events)
        self.assertIn("bootloader", r.stdout)

class NoBoard(TempDirTestCase):
    def test_no_board_exits_4_with_a_hint(self):
        env = {"CPYTOOL_PORT": "", "CPYTOOL_SYSFS_ROOT": str(self.tmp), "CPYTOOL_MOUNTS": str(self.tmp),
               "CPYTOOL_MOUNT_ROOTS": str(self.tmp)}
        r = run(["exec", "print(1)"], env=env, timeout=30)
        self.assertEqual(r.returncode, 4, r.stderr)
        self.assertIn("--port", r.stderr)

    def test_a_port_that_does_not_exist_exits_4(self):
        r = run(["info", "--port", str(self.tmp / "ttyACM9")], timeout=30)
        self.assertEqual(r.returncode, 4, r.stderr)

    def test_devices_with_nothing_connected(self):
        env = {"CPYTOOL_SYSFS_ROOT": str(self.tmp / "sys"), "CPYTOOL_MOUNTS": str(self.tmp),
               "CPYTOOL_MOUNT_ROOTS": str(self.tmp)}
        (self.tmp / "sys").mkdir()
        r = run(["--json", "devices"], env=env, timeout=30, check=0)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["boards"], [])


class Devices(TempDirTestCase):
    def test_devices_matches_sysfs_catalog_and_drive_by_uid(self):
        sysfs = self.tmp / "sys"
        dev = sysfs / "1-1"
        for name, value in {"idVendor": "239a", "idProduct": "80f4", "serial": "E6647C15675E522D",
                            "product": "Pico", "manufacturer": "Raspberry Pi"}.items():
            (dev).mkdir(parents=True, exist_ok=True)
            (dev / name).write_text(value + "\n")
        intf = dev / "1-1:1.0"
        (intf / "tty" / "ttyACM0").mkdir(parents=True)
        (intf / "interface").write_text("CircuitPython CDC control\n")
        (intf / "bInterfaceNumber").write_text("00\n")
        mounts = self.tmp / "media"
        drive = mounts / "CIRCUITPY"
        drive.mkdir(parents=True)
        (drive / "boot_out.txt").write_bytes(
            b"Adafruit CircuitPython 9.2.8 on 2025-05-28; Raspberry Pi Pico with rp2040\r\n"
            b"Board ID:raspberry_pi_pico\r\nUID:E6647C15675E522D\r\n")
        env = {"CPYTOOL_SYSFS_ROOT": str(sysfs), "CPYTOOL_MOUNTS": str(mounts), "CPYTOOL_MOUNT_ROOTS": str(mounts),
               "CPYTOOL_DEV_ROOT": "/dev"}
        r = run(["--json", "devices"], env=env, timeout=30, check=0)
        doc = json.loads(r.stdout)
        self.assertEqual(len(doc["boards"]), 1, r.stdout)
        b = doc["boards"][0]
        self.assertEqual((b["vid"], b["pid"], b["serial_number"]), ("239A", "80F4", "E6647C15675E522D"))
        self.assertEqual(b["port"], "/dev/ttyACM0")
        self.assertEqual(b["board_id"], "raspberry_pi_pico")
        self.assertEqual(Path(b["mount"]), drive)


if __name__ == "__main__":
    unittest.main()
