"""`cpytool board run`: a script on the host as a board would run it (output, tracebacks, exit codes, --heap,
imports from --path folders, Ctrl-C)."""
import signal
import subprocess
import time
import unittest

from harness import CPYTOOL, TempDirTestCase, run


class BoardRunTest(TempDirTestCase):
    def write(self, rel, text):
        path = self.tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def board_run(self, *args, check=None):
        return run(["board", "run", *args], cwd=self.tmp, check=check)

    def test_output_and_exit_status_of_a_clean_run(self):
        self.write("ok.py", "print('sum', sum(range(10)))\n")
        r = self.board_run("ok.py", check=0)
        self.assertEqual(r.stdout, "sum 45\n")

    def test_a_compiled_mpy_runs_like_its_source(self):
        self.write("prog.py", "def f(n):\n    return [i * i for i in range(n)]\nprint(f(5))\n")
        run(["mpy-cross", str(self.tmp / "prog.py")], check=0)
        self.assertEqual((self.tmp / "prog.mpy").read_bytes()[:2], b"C\x06")
        (self.tmp / "prog.py").unlink()
        self.assertEqual(self.board_run("prog.mpy", check=0).stdout, "[0, 1, 4, 9, 16]\n")

    def test_uncaught_exception_prints_the_traceback_and_exits_1(self):
        self.write("boom.py", "def inner():\n    raise ValueError('bad value')\n\ninner()\n")
        r = self.board_run("boom.py", check=1)
        self.assertEqual(r.stdout, 'Traceback (most recent call last):\n  File "boom.py", line 4, in <module>\n'
                                   '  File "boom.py", line 2, in inner\nValueError: bad value\n')

    def test_syntax_error_names_file_and_line_like_micropython(self):
        self.write("bad.py", "print(1)\ndef f(:\n    pass\n")
        r = self.board_run("bad.py", check=1)
        self.assertEqual(r.stdout, 'Traceback (most recent call last):\n  File "bad.py", line 2\n'
                                   'SyntaxError: invalid syntax\n')
        self.write("uses_bad.py", "import bad\n")
        r = self.board_run("uses_bad.py", check=1)
        self.assertIn('  File "uses_bad.py", line 1, in <module>\n', r.stdout)
        self.assertTrue(r.stdout.endswith("line 2\nSyntaxError: invalid syntax\n"), r.stdout)
        self.write("retry.py", "for _ in range(2):\n    try:\n        import bad\n    except SyntaxError:\n"
                               "        print('SyntaxError again')\n")
        self.assertEqual(self.board_run("retry.py", check=0).stdout, "SyntaxError again\nSyntaxError again\n")

    def test_heap_limit_raises_memory_error(self):
        self.write("grow.py", "keep = []\nwhile True:\n    keep.append(bytearray(1024))\n")
        r = self.board_run("--heap", "64k", "grow.py", check=1)
        self.assertTrue(r.stdout.endswith("MemoryError\n"), r.stdout)
        self.write("fits.py", "keep = [bytearray(1024) for _ in range(100)]\nprint(len(keep))\n")
        self.assertEqual(self.board_run("--heap", "1M", "fits.py", check=0).stdout, "100\n")

    def test_bad_heap_size_and_missing_file_are_clear_errors(self):
        self.write("ok.py", "print(1)\n")
        r = self.board_run("--heap", "1", "ok.py", check=2)
        self.assertIn("invalid --heap size '1'", r.stderr)
        r = self.board_run("missing.py")
        self.assertNotIn(r.returncode, (0, 1))
        self.assertIn("cpytool: error: cannot read missing.py", r.stderr)

    def test_os_errors_carry_errno_and_circuitpython_text(self):
        self.write("oe.py", "import errno\ntry:\n    open('nope.txt')\nexcept OSError as e:\n"
                            "    print(e.errno == errno.ENOENT, e)\n"
                            "print(OSError(errno.EROFS), OSError(9), OSError(999), OSError(2, 'x'))\n")
        self.assertEqual(self.board_run("oe.py", check=0).stdout,
                         "True [Errno 2] No such file/directory\n[Errno 30] Read-only filesystem [Errno 9] EBADF 999 "
                         "(2, 'x')\n")

    def test_ctrl_c_raises_keyboard_interrupt_in_running_code(self):
        self.write("spin.py", "import time\nprint('started')\nwhile True:\n    time.sleep(0.01)\n")
        proc = subprocess.Popen([CPYTOOL, "board", "run", "spin.py"], cwd=self.tmp, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        self.addCleanup(proc.kill)
        self.assertEqual(proc.stdout.readline(), "started\n")
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
        self.assertEqual(proc.returncode, 1)
        self.assertRegex(out, r'File "spin.py", line \d, in <module>\nKeyboardInterrupt: ?\n$')


class BoardRunImportTest(TempDirTestCase):
    """Import resolution as CircuitPython 10.3 does it (device-protocol.md §4), through `board run --path`."""

    def setUp(self):
        super().setUp()
        files = {
            "lib/pkg/__init__.py": "from .helper import twice\nNAME = 'pkg'\n",
            "lib/pkg/helper.py": "def twice(x):\n    return 2 * x\n",
            "lib/nsp/part.py": "VALUE = 'namespace part'\n",
            "lib/both.py": "WHO = 'py'\n",
            "lib/sibling/unused.py": "WHO = 'folder'\n",
            "lib/sibling.py": "WHO = 'sibling file'\n",
            "extra/late.py": "WHO = 'appended to sys.path'\n",
        }
        for rel, text in files.items():
            path = self.tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        (self.tmp / "lib" / "both.mpy").write_bytes(b"C\x06not really compiled")

    def board_run(self, source, check=0):
        (self.tmp / "main.py").write_text(source)
        return run(["board", "run", "--path", "lib", "main.py"], cwd=self.tmp, check=check).stdout

    def test_packages_relative_imports_file_and_path(self):
        out = self.board_run("import pkg\nprint(pkg.NAME, pkg.twice(21), pkg.__file__, pkg.__path__)\n"
                             "import pkg.helper\nprint(pkg.helper)\n")
        self.assertEqual(out, "pkg 42 lib/pkg/__init__.py lib/pkg\n<module 'pkg.helper' from 'lib/pkg/helper.py'>\n")

    def test_namespace_package_without_init(self):
        out = self.board_run("import nsp.part\nprint(nsp.part.VALUE, nsp)\n")
        self.assertEqual(out, "namespace part <module 'nsp'>\n")

    def test_py_beats_mpy_and_a_sibling_file_beats_a_namespace_folder(self):
        out = self.board_run("import both, sibling\nprint(both.WHO, sibling.WHO)\n")
        self.assertEqual(out, "py sibling file\n")

    def test_sys_path_is_live_and_missing_modules_name_the_full_name(self):
        out = self.board_run("import sys\nprint(sys.path)\nsys.path.append('extra')\nimport late\nprint(late.WHO)\n"
                             "try:\n    import pkg.nothing\nexcept ImportError as e:\n    print(e)\n")
        self.assertEqual(out, "['lib', '.']\nappended to sys.path\nno module named 'pkg.nothing'\n")


if __name__ == "__main__":
    unittest.main()
