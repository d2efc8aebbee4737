"""`cpytool flash` against a loopback download server, fake bootloader drives and a fake board that reboots."""
import json
import shutil
import threading
import time
import unittest
from pathlib import Path

from harness import SHARED, FakeGitHub, TempDirTestCase, make_circuitpy, run
from uf2_files import RP2040, RP2350, fields, sample_binary, uf2

PICO = "raspberry_pi_pico"
RP2040_INFO = "UF2 Bootloader v3.0\r\nModel: Raspberry Pi RP2\r\nBoard-ID: RPI-RP2\r\n"
SAMD21_INFO = "UF2 Bootloader v3.14.0 SFHWRO\r\nModel: Circuit Playground Express\r\nBoard-ID: SAMD21G18A-CPlay-v0\r\n"


def firmware_name(board, version, language="en_US"):
    return f"adafruit-circuitpython-{board}-{language}-{version}.uf2"


class FakeBoard:
    """Plays the board: when a complete .uf2 lands on the bootloader drive, the drive goes away and a
    CIRCUITPY drive with boot_out.txt for `version` appears (like a real reboot into the new firmware)."""

    def __init__(self, mounts, drive, version, board_id=PICO, reboot=True):
        self.mounts, self.drive, self.version, self.board_id, self.reboot = mounts, drive, version, board_id, reboot
        self.received = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self):
        while not self._stop.is_set():
            for file in list(self.drive.glob("*.uf2")) if self.drive.is_dir() else []:
                data = file.read_bytes()
                if data and len(data) % 512 == 0 and fields(data, 0)[4] * 512 == len(data):
                    self.received = (file.name, data)
                    if self.reboot:
                        time.sleep(0.2)
                        shutil.rmtree(self.drive)
                        make_circuitpy(self.mounts / "CIRCUITPY", version=self.version, board_id=self.board_id)
                    return
            time.sleep(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)


class FlashTestCase(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.mounts = self.tmp / "mounts"
        self.mounts.mkdir()
        self.cache = self.tmp / "cache"
        self.server = FakeGitHub(self.tmp / "server").__enter__()
        self.env = {"CPYTOOL_MOUNT_ROOTS": str(self.mounts), "CPYTOOL_CACHE_DIR": str(self.cache),
                    "CPYTOOL_FIRMWARE_URL": self.server.url + "/bin", "CPYTOOL_GITHUB_URL": self.server.url,
                    "CPYTOOL_BOARDS": str(SHARED / "data" / "boards.json"), "CPYTOOL_HTTP_RETRIES": "0"}

    def tearDown(self):
        self.server.__exit__(None, None, None)
        super().tearDown()

    def publish(self, board, version, data, language="en_US"):
        folder = self.tmp / "server" / "bin" / board / language
        folder.mkdir(parents=True, exist_ok=True)
        (folder / firmware_name(board, version, language)).write_bytes(data)
        return f"/bin/{board}/{language}/{firmware_name(board, version, language)}"

    def bootloader_drive(self, name="RPI-RP2", info=RP2040_INFO):
        drive = self.mounts / name
        drive.mkdir()
        (drive / "INFO_UF2.TXT").write_text(info, newline="")
        (drive / "INDEX.HTM").write_text("<html></html>")
        return drive

    def flash(self, args, check=None, timeout=60):
        """`cpytool flash` with short waits unless `args` sets them."""
        defaults = [opt for opt in (["--timeout", "3"], ["--reboot-timeout", "5"]) if opt[0] not in args]
        return run(["flash", *sum(defaults, []), *args], env=self.env, check=check, timeout=timeout)


class FlashDownloads(FlashTestCase):
    def test_flash_downloads_copies_and_reports_the_new_version(self):
        firmware = uf2(sample_binary(5000), 0x10000000, RP2040)
        path = self.publish(PICO, "9.2.1", firmware)
        drive = self.bootloader_drive()
        with FakeBoard(self.mounts, drive, "9.2.1") as board:
            result = self.flash(["--json", "--board-id", PICO, "--version", "9.2.1"], check=0)
        doc = json.loads(result.stdout)
        self.assertEqual(board.received, (firmware_name(PICO, "9.2.1"), firmware))
        self.assertEqual(doc["board_id"], PICO)
        self.assertEqual(doc["version"], "9.2.1")
        self.assertEqual(doc["chip"], "RP2040")
        self.assertEqual(doc["url"], self.server.url + path)
        self.assertFalse(doc["from_cache"])
        self.assertEqual(doc["drive"]["board_id"], "RPI-RP2")
        self.assertEqual(doc["drive"]["version"], "v3.0")
        self.assertEqual(doc["circuitpy"], {"mount": str(self.mounts / "CIRCUITPY"), "version": "9.2.1",
                                            "board_id": PICO})
        self.assertEqual(self.server.requests, [path])

    def test_second_flash_uses_the_cache(self):
        self.publish(PICO, "9.2.1", uf2(sample_binary(700), 0x10000000, RP2040))
        self.flash(["--board-id", PICO, "--version", "9.2.1", "--download-only"], check=0)
        self.assertEqual(len(self.server.requests), 1)
        result = self.flash(["--board-id", PICO, "--version", "9.2.1", "--download-only"], check=0)
        self.assertIn("using cached", result.stdout)
        self.assertEqual(len(self.server.requests), 1)

    def test_latest_follows_the_github_release_redirect(self):
        self.server.publish("adafruit/circuitpython", "10.0.3", {})
        self.publish(PICO, "10.0.3", uf2(sample_binary(700), 0x10000000, RP2040))
        drive = self.bootloader_drive()
        with FakeBoard(self.mounts, drive, "10.0.3"):
            result = self.flash(["--board-id", PICO, "--latest"], check=0)
        self.assertIn("latest CircuitPython is 10.0.3", result.stdout)
        self.assertIn("CircuitPython 10.0.3 is running on raspberry_pi_pico", result.stdout)

    def test_board_id_comes_from_the_mounted_circuitpy_and_the_board_reboots_into_the_bootloader(self):
        self.publish(PICO, "10.0.3", uf2(sample_binary(700), 0x10000000, RP2040))
        make_circuitpy(self.mounts / "CIRCUITPY", version="9.0.0", board_id=PICO)

        def user_enters_bootloader():
            time.sleep(1.0)
            shutil.rmtree(self.mounts / "CIRCUITPY")
            drive = self.bootloader_drive()
            with FakeBoard(self.mounts, drive, "10.0.3"):
                time.sleep(4)

        helper = threading.Thread(target=user_enters_bootloader)
        helper.start()
        result = self.flash(["--version", "10.0.3", "--timeout", "10"], check=0)
        helper.join()
        self.assertIn("board raspberry_pi_pico (from", result.stdout)
        self.assertIn("BOOTSEL", result.stdout)
        self.assertIn("CircuitPython 10.0.3 is running", result.stdout)

    def test_a_missing_build_is_a_clear_error(self):
        result = self.flash(["--board-id", PICO, "--version", "1.2.3"], check=3)
        self.assertIn("HTTP 404", result.stderr)
        self.assertIn("circuitpython.org/board/raspberry_pi_pico", result.stderr)

    def test_an_unknown_board_id_gets_a_suggestion(self):
        self.publish("raspberry_pi_picco", "9.2.1", uf2(sample_binary(700), 0x10000000, RP2040))
        result = self.flash(["--board-id", "raspberry_pi_picco", "--version", "9.2.1"], check=2)
        self.assertIn("unknown board id 'raspberry_pi_picco'", result.stderr)
        self.assertIn("did you mean 'raspberry_pi_pico", result.stderr)

    def test_no_board_id_and_no_circuitpy_is_a_usage_error(self):
        result = self.flash(["--version", "9.2.1"], check=2)
        self.assertIn("--board-id", result.stderr)
        self.assertEqual(self.server.requests, [])

    def test_a_board_without_uf2_firmware_is_refused(self):
        self.publish("adafruit_qtpy_esp32c3", "9.2.1", uf2(sample_binary(700), 0x0, 0xD42BA06C))
        result = self.flash(["--board-id", "adafruit_qtpy_esp32c3", "--version", "9.2.1", "--download-only"], check=3)
        self.assertIn("ships no UF2", result.stderr)


class FlashChecks(FlashTestCase):
    def test_a_file_for_another_chip_is_refused_unless_forced(self):
        (self.tmp / "rp2350.uf2").write_bytes(uf2(sample_binary(700), 0x10000000, RP2350))
        drive = self.bootloader_drive()
        result = self.flash([str(self.tmp / "rp2350.uf2"), "--board-id", PICO], check=3)
        self.assertIn("RP2350_ARM_S (0xe48bff59)", result.stderr)
        self.assertIn("--force", result.stderr)
        self.assertEqual(list(drive.glob("*.uf2")), [])
        with FakeBoard(self.mounts, drive, "9.2.1") as board:
            result = self.flash([str(self.tmp / "rp2350.uf2"), "--board-id", PICO, "--force"], check=0)
        self.assertIn("continuing because of --force", result.stderr)
        self.assertEqual(board.received[0], "rp2350.uf2")

    def test_the_bootloader_drive_identity_is_checked_too(self):
        (self.tmp / "pico.uf2").write_bytes(uf2(sample_binary(700), 0x10000000, RP2040))
        drive = self.bootloader_drive("CPLAYBOOT", SAMD21_INFO)
        result = self.flash([str(self.tmp / "pico.uf2")], check=3)
        self.assertIn("SAMD21G18A-CPlay-v0", result.stderr)
        self.assertEqual(list(drive.glob("*.uf2")), [])

    def test_no_bootloader_drive_times_out_with_a_hint(self):
        (self.tmp / "pico.uf2").write_bytes(uf2(sample_binary(700), 0x10000000, RP2040))
        (self.mounts / "RPI-RP2").mkdir()  # the right name but no INFO_UF2.TXT: not a bootloader drive
        started = time.monotonic()
        result = self.flash([str(self.tmp / "pico.uf2"), "--board-id", PICO, "--timeout", "1"], check=4)
        self.assertLess(time.monotonic() - started, 10)
        self.assertIn("no UF2 bootloader drive", result.stderr)
        self.assertIn("BOOTSEL", result.stderr)

    def test_several_drives_need_a_choice(self):
        (self.tmp / "pico.uf2").write_bytes(uf2(sample_binary(700), 0x10000000, RP2040))
        self.bootloader_drive("RPI-RP2")
        second = self.bootloader_drive("RPI-RP2 1")
        result = self.flash([str(self.tmp / "pico.uf2")], check=2)
        self.assertIn("--drive", result.stderr)
        with FakeBoard(self.mounts, second, "9.2.1") as board:
            self.flash([str(self.tmp / "pico.uf2"), "--drive", str(second)], check=0)
        self.assertEqual(board.received[0], "pico.uf2")
        self.assertEqual(list((self.mounts / "RPI-RP2").glob("*.uf2")), [])

    def test_a_board_that_does_not_come_back_is_a_warning(self):
        (self.tmp / "pico.uf2").write_bytes(uf2(sample_binary(700), 0x10000000, RP2040))
        drive = self.bootloader_drive()
        with FakeBoard(self.mounts, drive, "9.2.1", reboot=False):
            result = run(["--json", "flash", str(self.tmp / "pico.uf2"), "--timeout", "3", "--reboot-timeout", "0.5"],
                         env=self.env, check=0)
        self.assertIn("did not come back", result.stderr)
        doc = json.loads(result.stdout)
        self.assertIsNone(doc["circuitpy"])
        self.assertEqual((drive / "pico.uf2").read_bytes(), (self.tmp / "pico.uf2").read_bytes())

    def test_a_damaged_file_is_never_copied(self):
        data = bytearray(uf2(sample_binary(700), 0x10000000, RP2040))
        data[512] = 0
        (self.tmp / "bad.uf2").write_bytes(data)
        drive = self.bootloader_drive()
        result = self.flash([str(self.tmp / "bad.uf2")], check=3)
        self.assertIn("block 1 at byte offset 512", result.stderr)
        self.assertEqual(list(drive.glob("*.uf2")), [])

    def test_a_file_and_a_version_together_are_a_usage_error(self):
        (self.tmp / "pico.uf2").write_bytes(uf2(sample_binary(700), 0x10000000, RP2040))
        self.flash([str(self.tmp / "pico.uf2"), "--version", "9.2.1"], check=2)


if __name__ == "__main__":
    unittest.main()
