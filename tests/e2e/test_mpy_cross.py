"""mpy-cross as a drop-in: `cpytool mpy-cross`, the standalone `mpy-cross` binary and a cpytool copy named mpy-cross
all behave like CircuitPython's mpy-cross (bytes, output names, stdin/stdout, error texts and exit codes)."""
import os
import shutil
import subprocess
import unittest
from pathlib import Path

from harness import CPYTOOL, SHARED, TempDirTestCase, run

TRAIN = SHARED / "corpus" / "train"
STANDALONE = Path(shutil.which(CPYTOOL) or CPYTOOL).resolve().parent / "mpy-cross"


def mpy_cross_commands(tmp):
    """Every way of starting our mpy-cross: the subcommand, the standalone binary, cpytool under the name."""
    renamed = tmp / "renamed" / "mpy-cross"
    renamed.parent.mkdir()
    renamed.symlink_to(Path(shutil.which(CPYTOOL) or CPYTOOL).resolve())
    commands = {"cpytool mpy-cross": [CPYTOOL, "mpy-cross"], "cpytool named mpy-cross": [str(renamed)]}
    if STANDALONE.exists():
        commands["standalone mpy-cross"] = [str(STANDALONE)]
    return commands


def call(command, args, cwd=None, input=None):
    return subprocess.run(command + args, cwd=cwd, input=input, capture_output=True, timeout=60)


class MpyCross(TempDirTestCase):
    def setUp(self):
        super().setUp()
        if not TRAIN.is_dir():
            self.skipTest("the shared corpus is not available")
        self.commands = mpy_cross_commands(self.tmp)

    def test_output_is_byte_identical_to_the_official_golden(self):
        for label, command in self.commands.items():
            for name in ("class_super", "func_all_arg_kinds", "lit_float_roundtrip"):
                with self.subTest(label, name=name):
                    out = self.tmp / f"{name}.mpy"
                    result = call(command, ["-o", str(out), f"{name}.py"], cwd=TRAIN)
                    self.assertEqual(result.returncode, 0, result.stderr)
                    self.assertEqual(out.read_bytes(), (TRAIN / f"{name}.mpy").read_bytes())

    def test_optimisation_level_and_source_name_options_match_their_goldens(self):
        for label, command in self.commands.items():
            for args, suffix in ((["-O2"], ".O2.mpy"), (["-s", "custom/name.py"], ".s.mpy")):
                with self.subTest(label, args=args):
                    out = self.tmp / "out.mpy"
                    result = call(command, [*args, "-o", str(out), "docstrings.py"], cwd=TRAIN)
                    self.assertEqual(result.returncode, 0, result.stderr)
                    self.assertEqual(out.read_bytes(), (TRAIN / f"docstrings{suffix}").read_bytes())

    def test_default_output_name_replaces_py_with_mpy_next_to_the_input(self):
        shutil.copy(TRAIN / "class_super.py", self.tmp / "code_module.py")
        for label, command in self.commands.items():
            with self.subTest(label):
                target = self.tmp / "code_module.mpy"
                target.unlink(missing_ok=True)
                self.assertEqual(call(command, ["code_module.py"], cwd=self.tmp).returncode, 0)
                self.assertTrue(target.exists())

    def test_stdin_compiles_to_stdout(self):
        source = (TRAIN / "class_super.py").read_bytes()
        for label, command in self.commands.items():
            with self.subTest(label):
                result = call(command, ["-s", "class_super.py", "-"], input=source)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stdout, (TRAIN / "class_super.mpy").read_bytes())

    def test_a_rejected_program_prints_the_official_stderr_and_exit_status(self):
        for label, command in self.commands.items():
            for name in ("invalid_duplicate_argument", "invalid_syntax_missing_paren", "invalid_bytecode_overflow_if"):
                with self.subTest(label, name=name):
                    out = self.tmp / "never.mpy"
                    result = call(command, ["-o", str(out), f"{name}.py"], cwd=TRAIN)
                    self.assertEqual(result.stderr, (TRAIN / f"{name}.err").read_bytes())
                    self.assertEqual(result.returncode, int((TRAIN / f"{name}.rc").read_text()))
                    self.assertEqual(result.stdout, b"")
                    self.assertFalse(out.exists())

    def test_command_line_mistakes_get_mpy_cross_messages(self):
        for label, command in self.commands.items():
            with self.subTest(label):
                self.assertEqual(call(command, []).stderr, b"no input file\n")
                self.assertEqual(call(command, ["a.py", "b.py"]).stderr, b"multiple input files\n")
                missing = call(command, ["/nonexistent/x.py"])
                self.assertEqual((missing.returncode, missing.stderr),
                                 (1, b"OSError: (2, \"can't open /nonexistent/x.py\")\n"))
                usage = call(command, ["--no-such-option", "x.py"])
                self.assertEqual(usage.returncode, 1)
                self.assertIn(b"usage: mpy-cross", usage.stdout)
                native = call(command, ["-march=armv7m", "x.py"])
                self.assertEqual(native.returncode, 1)
                self.assertIn(b"native code is not supported", native.stderr)
                self.assertIn(b"mpy v6.3", call(command, ["--version"]).stdout)


if __name__ == "__main__":
    unittest.main()
