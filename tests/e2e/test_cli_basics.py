"""The command line as a user meets it: help, version, typos, unimplemented commands, JSON errors."""
import json
import unittest
import urllib.request

from harness import FakeGitHub, TempDirTestCase, make_circuitpy, open_pty, run

PLANNED = ("install uninstall update list freeze show example bundle doctor mpy-cross compile mpy-dis repl exec run "
           "modules info devices deploy fs board build-firmware uf2 flash port completions").split()


class CliBasics(unittest.TestCase):
    def test_help_lists_every_planned_command(self):
        out = run(["--help"], check=0).stdout
        for name in PLANNED:
            self.assertRegex(out, rf"\n  {name}\s", name)

    def test_version_names_the_mpy_format(self):
        out = run(["--version"], check=0).stdout
        self.assertRegex(out, r"^cpytool \d+\.\d+\.\d+")
        self.assertIn("v6.3", out)

    def test_typo_in_command_suggests_the_real_one(self):
        result = run(["instal", "neopixel"], check=2)
        self.assertIn("unknown command 'instal'", result.stderr)
        self.assertIn("did you mean 'install'?", result.stderr)

    def test_typo_in_option_suggests_the_real_one(self):
        result = run(["--jsno", "completions", "bash"], check=2)
        self.assertIn("did you mean '--json'?", result.stderr)

    def test_unimplemented_commands_say_so_with_their_own_exit_code(self):
        for name in PLANNED:
            result = run([name])
            if result.returncode == 10:
                self.assertIn("not implemented yet", result.stderr)
                self.assertEqual(result.stdout, "")

    def test_json_errors_are_json_on_stdout(self):
        for name in PLANNED:
            result = run(["--json", name, "x"])
            if result.returncode == 10:
                doc = json.loads(result.stdout)
                self.assertFalse(doc["ok"])
                self.assertEqual(doc["error"]["code"], "not-implemented")
                return

    def test_completions_for_each_shell(self):
        self.assertIn("complete -F _cpytool cpytool", run(["completions", "bash"], check=0).stdout)
        self.assertIn("#compdef cpytool", run(["completions", "zsh"], check=0).stdout)
        self.assertIn("complete -c cpytool", run(["completions", "fish"], check=0).stdout)
        self.assertIn("tcsh not in", run(["completions", "tcsh"], check=2).stderr)


class HarnessSelfTest(TempDirTestCase):
    def test_fake_github_redirects_latest_and_serves_assets(self):
        with FakeGitHub(self.tmp / "gh") as gh:
            gh.publish("adafruit/Adafruit_CircuitPython_Bundle", "20250101", {"a.json": b"{}"})
            opener = urllib.request.build_opener(NoRedirect)
            try:
                opener.open(gh.url + "/adafruit/Adafruit_CircuitPython_Bundle/releases/latest")
                self.fail("expected a redirect")
            except urllib.error.HTTPError as e:
                self.assertEqual(e.code, 302)
                self.assertTrue(e.headers["Location"].endswith("/releases/tag/20250101"))
            body = urllib.request.urlopen(
                gh.url + "/adafruit/Adafruit_CircuitPython_Bundle/releases/download/20250101/a.json").read()
            self.assertEqual(body, b"{}")

    def test_fake_circuitpy_has_crlf_boot_out(self):
        drive = make_circuitpy(self.tmp / "CIRCUITPY")
        self.assertIn(b"\r\nBoard ID:adafruit_feather_rp2040\r\n", (drive / "boot_out.txt").read_bytes())

    def test_pty_pair_carries_bytes(self):
        import os
        master, path = open_pty()
        try:
            fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
            os.write(fd, b"ping")
            self.assertEqual(os.read(master, 4), b"ping")
            os.close(fd)
        finally:
            os.close(master)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


if __name__ == "__main__":
    unittest.main()
