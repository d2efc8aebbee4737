"""cpytool exec/run/modules/info/reset/fs/deploy/repl against a board on a real pseudo-terminal.

The board comes from fake_board.start_board() (a scripted peer until the virtual board of issue 7 is ready).
"""
import json
import os
import pty
import select
import subprocess
import time
import unittest
from pathlib import Path

from fake_board import start_board
from harness import CPYTOOL, TempDirTestCase, run


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


class ExecAndRun(SerialBoardTestCase):
    def test_exec_prints_the_output_with_lf_line_endings(self):
        r = self.cpytool("exec", "print('hi'); print(6*7)", check=0)
        self.assertEqual(r.stdout, "hi\n42\n")
        self.assertIn(("raw_paste", None), self.board.events)

    def test_exec_that_raises_exits_1_with_the_traceback_on_stderr(self):
        r = self.cpytool("exec", "print('before')\n1/0", check=1)
        self.assertEqual(r.stdout, "before\n")
        self.assertIn("ZeroDivisionError", r.stderr)
        self.assertIn('File "<stdin>", line 2', r.stderr)

    def test_exec_json_returns_stdout_and_traceback(self):
        r = self.cpytool("--json", "exec", "print(1)\nraise ValueError('bad')", check=1)
        doc = json.loads(r.stdout)
        self.assertFalse(doc["ok"])
        self.assertEqual(doc["stdout"], "1\n")
        self.assertIn("ValueError: bad", doc["traceback"])

    def test_run_streams_a_large_file_through_raw_paste_flow_control(self):
        lines = [f"v{i} = {i} * 3" for i in range(1500)] + ["print('sum', sum(v for k, v in globals().items() if k.startswith('v')))"]
        script = self.tmp / "big.py"
        script.write_text("\n".join(lines) + "\n")
        self.assertGreater(script.stat().st_size, 20000)
        r = self.cpytool("run", str(script), check=0)
        self.assertEqual(r.stdout, f"sum {sum(i * 3 for i in range(1500))}\n")
        self.assertEqual(self.board.credit_violations, 0)

    def test_run_of_a_missing_file_is_bad_input(self):
        r = self.cpytool("run", str(self.tmp / "nope.py"), check=3)
        self.assertIn("nope.py", r.stderr)

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


class BoardQueries(SerialBoardTestCase):
    def test_modules_json_splits_builtin_and_frozen(self):
        r = self.cpytool("--json", "modules", check=0)
        doc = json.loads(r.stdout)
        self.assertIn("board", doc["builtin"])
        self.assertNotIn("__main__", doc["builtin"])
        self.assertEqual(doc["frozen"], ["adafruit_hid"])
        self.assertIn("adafruit_hid.keyboard", doc["frozen_modules"])

    def test_info_reports_version_board_and_mpy(self):
        r = self.cpytool("--json", "info", check=0)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["version"], "9.2.8")
        self.assertEqual(doc["board_id"], "raspberry_pi_pico")
        self.assertEqual(doc["uid"], "E6647C15675E522D")
        self.assertEqual(doc["mpy"]["version"], 6)
        self.assertFalse(doc["safe_mode"])
        human = self.cpytool("info", check=0)
        self.assertIn("raspberry_pi_pico", human.stdout)

    def test_reset_bootloader_asks_for_uf2_and_resets(self):
        r = self.cpytool("reset", "--bootloader", check=0)
        self.board.wait_for("hard_reset")
        self.assertIn(("on_next_reset", "UF2"), self.board.events)
        self.assertIn(("hard_reset", None), self.board.events)
        self.assertIn("bootloader", r.stdout)

    def test_fs_put_ls_cat_get_mv_rm_over_the_raw_repl(self):
        local = self.tmp / "data.bin"
        payload = bytes(range(256)) * 20
        local.write_bytes(payload)
        self.cpytool("fs", "mkdir", "/lib/sub/deeper", check=0)
        self.cpytool("fs", "put", str(local), "/lib/sub/", check=0)
        self.assertEqual((self.drive / "lib/sub/data.bin").read_bytes(), payload)
        listing = json.loads(self.cpytool("--json", "fs", "ls", "/lib/sub", check=0).stdout)
        self.assertEqual({(e["name"], e["directory"]) for e in listing}, {("data.bin", False), ("deeper", True)})
        self.assertEqual(self.cpytool("fs", "cat", "/code.py", check=0).stdout, 'print("Hello World!")\n')
        self.cpytool("fs", "get", "/lib/sub/data.bin", str(self.tmp / "back.bin"), check=0)
        self.assertEqual((self.tmp / "back.bin").read_bytes(), payload)
        self.cpytool("fs", "mv", "/lib/sub/data.bin", "/lib/sub/moved.bin", check=0)
        self.assertTrue((self.drive / "lib/sub/moved.bin").is_file())
        self.cpytool("fs", "rm", "/lib/sub", check=0)
        self.assertFalse((self.drive / "lib/sub").exists())

    def test_fs_cat_of_a_missing_file_names_it(self):
        r = self.cpytool("fs", "cat", "/nope.txt", check=6)
        self.assertIn("/nope.txt", r.stderr)


class Deploy(SerialBoardTestCase):
    def test_deploy_copies_inside_the_raw_repl_verifies_and_reloads_only_after_the_copy(self):
        project = self.tmp / "project"
        (project / "lib").mkdir(parents=True)
        (project / "code.py").write_text("import helper\nprint(helper.X)\n")
        (project / "lib" / "helper.py").write_text("X = 42\n" + "# padding\n" * 2000)
        r = self.cpytool("deploy", str(project), "--drive", str(self.drive), check=0)
        self.assertIn("deployed 2", r.stdout)
        snapshot = self.board.wait_for("reload")
        self.assertIsNotNone(snapshot, self.board.events)
        kinds = [k for k, _ in self.board.events]
        self.assertLess(kinds.index("raw"), kinds.index("reload"))
        self.assertNotIn("changed_outside_repl", kinds)
        self.assertEqual(snapshot["code.py"], (project / "code.py").read_bytes())
        self.assertEqual(snapshot["lib/helper.py"], (project / "lib" / "helper.py").read_bytes())
        # a second deploy of an unchanged project writes nothing
        again = self.cpytool("deploy", str(project), "--drive", str(self.drive), check=0)
        self.assertIn("deployed 0", again.stdout)


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


class Repl(SerialBoardTestCase):
    def test_repl_passes_keys_through_and_quits_on_ctrl_bracket(self):
        log = self.tmp / "session.log"
        master, slave = pty.openpty()
        env = dict(os.environ, CPYTOOL_PORT=self.board.port, NO_COLOR="1")
        proc = subprocess.Popen([CPYTOOL, "repl", "--log", str(log)], stdin=slave, stdout=slave, stderr=slave,
                                env=env, close_fds=True)
        os.close(slave)
        seen = b""

        def read_for(seconds):
            nonlocal seen
            end = time.time() + seconds
            while time.time() < end:
                ready, _, _ = select.select([master], [], [], 0.05)
                if ready:
                    try:
                        seen += os.read(master, 4096)
                    except OSError:
                        return

        try:
            read_for(0.5)
            os.write(master, b"\x02")  # Ctrl-B: the friendly banner again
            read_for(0.8)
            self.assertIn(b"Adafruit CircuitPython 9.2.8", seen)
            os.write(master, b"\x1d")
            self.assertEqual(proc.wait(timeout=10), 0)
        finally:
            if proc.poll() is None:
                proc.kill()
            os.close(master)
        self.assertIn(b"Adafruit CircuitPython", log.read_bytes())


if __name__ == "__main__":
    unittest.main()
