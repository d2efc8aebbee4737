"""cpytool fs and deploy over the web workflow, against a loopback server implementing /fs/ with Basic auth."""
import json
import unittest

from fake_web_board import FakeWebBoard
from harness import TempDirTestCase, run


class WebWorkflow(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.drive = self.tmp / "CIRCUITPY"
        (self.drive / "lib").mkdir(parents=True)
        (self.drive / "code.py").write_text("print(1)\n")
        self.board = FakeWebBoard(self.drive, password="s3cret").__enter__()

    def tearDown(self):
        self.board.__exit__(None, None, None)
        super().tearDown()

    def cpytool(self, *args, password="s3cret", **kwargs):
        env = {"CPYTOOL_WEB_PASSWORD": password, "CPYTOOL_HTTP_RETRIES": "0"}
        return run(["fs", "--host", self.board.host, *args], env=env, timeout=30, **kwargs)

    def test_ls_lists_files_and_folders_with_one_request(self):
        r = run(["--json", "fs", "--host", self.board.host, "ls", "/"],
                env={"CPYTOOL_WEB_PASSWORD": "s3cret"}, timeout=30, check=0)
        doc = json.loads(r.stdout)
        self.assertEqual({(e["name"], e["directory"]) for e in doc}, {("code.py", False), ("lib", True)})
        self.assertEqual(self.board.requests, [("GET", "/fs/")])

    def test_put_cat_mv_rm_round_trip(self):
        local = self.tmp / "my file.py"
        local.write_bytes(b"x = 1\n")
        self.cpytool("put", str(local), "/lib/", check=0)
        self.assertEqual((self.drive / "lib" / "my file.py").read_bytes(), b"x = 1\n")
        self.assertEqual(self.cpytool("cat", "/lib/my file.py", check=0).stdout, "x = 1\n")
        self.cpytool("mv", "/lib/my file.py", "/lib/b.py", check=0)
        self.assertTrue((self.drive / "lib" / "b.py").is_file())
        self.cpytool("mkdir", "/lib/pkg/sub", check=0)
        self.assertTrue((self.drive / "lib" / "pkg" / "sub").is_dir())
        self.cpytool("rm", "/lib", check=0)
        self.assertFalse((self.drive / "lib").exists())

    def test_password_travels_only_in_the_authorization_header(self):
        self.cpytool("cat", "/code.py", check=0)
        self.assertTrue(all("s3cret" not in path for _, path in self.board.requests))
        self.assertTrue(any(h.startswith("Basic ") for h in self.board.auth_headers))

    def test_wrong_password_is_a_clear_error_that_does_not_print_it(self):
        r = self.cpytool("ls", password="nope")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("password", r.stderr)
        self.assertNotIn("nope", r.stderr + r.stdout)

    def test_missing_password_is_a_usage_error(self):
        r = run(["fs", "--host", self.board.host, "ls"],
                env={"CPYTOOL_WEB_PASSWORD": "", "CIRCUP_WEBWORKFLOW_PASSWORD": ""}, timeout=30)
        self.assertEqual(r.returncode, 2, r.stderr)

    def test_circup_password_variable_is_honoured(self):
        r = run(["fs", "--host", self.board.host, "cat", "/code.py"],
                env={"CPYTOOL_WEB_PASSWORD": "", "CIRCUP_WEBWORKFLOW_PASSWORD": "s3cret"}, timeout=30, check=0)
        self.assertEqual(r.stdout, "print(1)\n")

    def test_usb_owning_the_drive_409_is_explained(self):
        self.board.usb_owns_drive = True
        local = self.tmp / "a.py"
        local.write_text("a")
        r = self.cpytool("put", str(local), "/a.py")
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn("USB", r.stderr)

    def test_unreachable_host_is_a_network_error(self):
        r = run(["fs", "--host", "127.0.0.1:9", "ls"], env={"CPYTOOL_WEB_PASSWORD": "x", "CPYTOOL_HTTP_RETRIES": "0"},
                timeout=60)
        self.assertEqual(r.returncode, 5, r.stderr)

    def test_deploy_over_the_web_writes_code_py_last(self):
        project = self.tmp / "project"
        (project / "lib").mkdir(parents=True)
        (project / "code.py").write_text("print(2)\n")
        (project / "lib" / "util.py").write_text("U = 1\n")
        r = run(["deploy", str(project), "--host", self.board.host], env={"CPYTOOL_WEB_PASSWORD": "s3cret"},
                timeout=30, check=0)
        self.assertIn("deployed", r.stdout)
        puts = [path for method, path in self.board.requests if method == "PUT" and not path.endswith("/")]
        self.assertEqual(puts, ["/fs/lib/util.py", "/fs/code.py"])
        self.assertEqual((self.drive / "code.py").read_text(), "print(2)\n")


if __name__ == "__main__":
    unittest.main()
