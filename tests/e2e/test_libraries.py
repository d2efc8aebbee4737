"""End-to-end tests of the library commands: real zips over a loopback fake GitHub, fake CIRCUITPY drives."""
import json
import os
import shutil
import subprocess
import unittest
import zipfile
from pathlib import Path

from bundle_fixtures import ADAFRUIT, PREFIX, LIBS, LibraryEnv, bundle_assets, bundle_zip, mpy_bytes, with_versions
from harness import TempDirTestCase, is_root, make_circuitpy

TAG1, TAG2 = "20260101", "20260201"


class LibraryTestCase(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.w = LibraryEnv(self.tmp)
        self.addCleanup(self.w.close)

    def files(self):
        return sorted(str(p.relative_to(self.w.drive / "lib")) for p in self.w.lib().rglob("*") if p.is_file())


class InstallTest(LibraryTestCase):
    def test_install_pulls_in_dependencies_as_mpy(self):
        self.w.publish(TAG1)
        r, doc = self.w.json("install", "adafruit_register", check=0)
        self.assertEqual([m["name"] for m in doc["installed"]], ["adafruit_bus_device", "adafruit_register"])
        self.assertEqual(doc["platform"], "10.x-mpy")
        self.assertEqual(self.files(), ["adafruit_bus_device/__init__.mpy", "adafruit_bus_device/core.mpy",
                                        "adafruit_register/__init__.mpy", "adafruit_register/core.mpy"])
        self.assertTrue(self.w.lib("adafruit_register/__init__.mpy").read_bytes().startswith(b"C\x06"))

    def test_install_py_installs_source_files(self):
        self.w.publish(TAG1)
        self.w.cpytool("install", "--py", "neopixel", check=0)
        self.assertEqual(self.files(), ["adafruit_pixelbuf.py", "neopixel.py"])
        self.assertIn('__version__ = "6.3.11"', self.w.lib("neopixel.py").read_text())

    def test_install_from_requirements_reports_pins_the_bundle_does_not_have(self):
        self.w.publish(TAG1)
        req = self.tmp / "requirements.txt"
        req.write_text("# board libs\nAdafruit-Blinka\nadafruit-circuitpython-register==1.9.0\nneopixel==6.3.11\n")
        r, doc = self.w.json("install", "-r", str(req), check=0)
        self.assertIn("adafruit_register==1.9.0 is pinned but the bundle has 1.10.0", r.stderr)
        self.assertNotIn("neopixel==", r.stderr)
        self.assertEqual(doc["pin_mismatches"], [{"name": "adafruit_register", "pinned": "1.9.0", "bundle": "1.10.0"}])
        self.assertEqual(sorted(m["name"] for m in doc["installed"]),
                         ["adafruit_bus_device", "adafruit_pixelbuf", "adafruit_register", "neopixel"])

    def test_install_auto_follows_code_py_and_local_modules(self):
        self.w.publish(TAG1)
        (self.w.drive / "code.py").write_text(
            "import board\nimport neopixel  # pixels\nfrom helper import blink\n'''import adafruit_lis3dh'''\n")
        (self.w.drive / "helper.py").write_text("from adafruit_register.i2c_bit import RWBit\ndef blink(): pass\n")
        r, doc = self.w.json("install", "--auto", check=0)
        self.assertEqual(sorted(m["name"] for m in doc["installed"]),
                         ["adafruit_bus_device", "adafruit_pixelbuf", "adafruit_register", "neopixel"])

    def test_unknown_library_fails_with_a_suggestion_and_writes_nothing(self):
        self.w.publish(TAG1)
        r = self.w.cpytool("install", "neopixle", "adafruit_register", check=3)
        self.assertIn("'neopixle' is not a known CircuitPython library", r.stderr)
        self.assertIn("did you mean 'neopixel'?", r.stderr)
        self.assertEqual(self.files(), [])

    def test_dry_run_prints_the_plan_and_writes_nothing(self):
        self.w.publish(TAG1)
        r = self.w.cpytool("install", "--dry-run", "neopixel", check=0)
        self.assertIn("add       lib/neopixel.mpy", r.stdout)
        self.assertIn("2 to add", r.stdout)
        self.assertEqual(self.files(), [])

    def test_installed_library_is_kept_without_upgrade_and_replaced_with_it(self):
        self.w.publish(TAG1)
        self.w.cpytool("install", "--py", "adafruit_register", check=0)
        self.w.publish(TAG2, with_versions(adafruit_register="1.11.0"))
        r, doc = self.w.json("install", "--py", "adafruit_register", check=0)
        self.assertEqual(doc["installed"], [])
        self.assertIn("adafruit_register", doc["already_installed"])
        self.assertIn('"1.10.0"', self.w.lib("adafruit_register/__init__.py").read_text())
        r, doc = self.w.json("install", "--py", "-U", "adafruit_register", check=0)
        self.assertIn('"1.11.0"', self.w.lib("adafruit_register/__init__.py").read_text())
        self.assertTrue(any(m["name"] == "adafruit_register" and m["upgraded"] for m in doc["installed"]))
        unchanged = [f for f in doc["plan"]["files"] if f["module"] == "adafruit_bus_device"]
        self.assertTrue(all(f["action"] == "unchanged" for f in unchanged))


class BoardTest(LibraryTestCase):
    def test_frozen_library_is_skipped_and_force_lib_installs_it(self):
        self.w.publish(TAG1)
        cpx = make_circuitpy(self.tmp / "CPX", version="9.2.1", board_id="circuitplayground_express")
        r = self.w.cpytool("install", "neopixel", "adafruit_register", "--path", str(cpx), path=False, check=0)
        self.assertIn("skipped neopixel: frozen into the firmware of circuitplayground_express", r.stdout)
        self.assertFalse((cpx / "lib" / "neopixel.mpy").exists())
        self.assertFalse((cpx / "lib" / "adafruit_pixelbuf.mpy").exists())
        self.assertTrue((cpx / "lib" / "adafruit_register").is_dir())
        self.w.cpytool("install", "neopixel", "--force-lib", "--path", str(cpx), path=False, check=0)
        self.assertTrue((cpx / "lib" / "neopixel.mpy").exists())

    def test_frozen_from_listing_skips_the_listed_modules(self):
        self.w.publish(TAG1)
        listing = self.tmp / "modules.txt"
        listing.write_text("__main__          board             neopixel\r\nadafruit_register/__init__\r\n"
                           "Plus any modules on the filesystem\r\n")
        r, doc = self.w.json("install", "adafruit_register", "neopixel", "--frozen-from", str(listing), check=0)
        self.assertEqual(sorted(doc["skipped_frozen"]), ["adafruit_register", "neopixel"])
        self.assertEqual(self.files(), [])

    def test_lib_copy_shadowed_by_frozen_module_and_py_beside_mpy_are_warned(self):
        self.w.publish(TAG1)
        cpx = make_circuitpy(self.tmp / "CPX", version="9.2.1", board_id="circuitplayground_express")
        (cpx / "lib" / "neopixel.mpy").write_bytes(mpy_bytes("6.3.11"))
        (cpx / "lib" / "adafruit_pixelbuf.mpy").write_bytes(mpy_bytes("2.0.4"))
        (cpx / "lib" / "adafruit_pixelbuf.py").write_text('__version__ = "2.0.4"\n')
        r, doc = self.w.json("list", "--path", str(cpx), path=False, check=0)
        self.assertIn("lib/neopixel is never imported: neopixel is frozen", r.stderr)
        self.assertIn("lib/adafruit_pixelbuf.py shadows lib/adafruit_pixelbuf.mpy", r.stderr)
        self.assertEqual(len(doc["warnings"]), 2)

    def test_unknown_board_id_warns_with_a_suggestion_and_still_installs(self):
        self.w.publish(TAG1)
        r = self.w.cpytool("install", "adafruit_pixelbuf", "--board-id", "circuitplayground_expres", check=0)
        self.assertIn("unknown board id 'circuitplayground_expres'", r.stderr)
        self.assertIn("did you mean 'circuitplayground_express'?", r.stderr)
        self.assertEqual(self.files(), ["adafruit_pixelbuf.mpy"])

    def test_missing_drive_and_missing_boot_out_exit_with_no_board(self):
        self.w.publish(TAG1)
        r = self.w.cpytool("install", "neopixel", "--path", str(self.tmp / "nowhere"), path=False, check=4)
        self.assertIn("not a folder", r.stderr)
        (self.w.drive / "boot_out.txt").unlink()
        r = self.w.cpytool("install", "neopixel", check=4)
        self.assertIn("missing boot_out.txt", r.stderr)
        r = self.w.cpytool("install", "--py", "neopixel", "--cpy-version", "9.2.1", check=0)

    def test_no_mpy_bundle_for_an_old_version_unless_py(self):
        self.w.publish(TAG1)
        old = make_circuitpy(self.tmp / "OLD", version="6.3.0")
        r = self.w.cpytool("install", "neopixel", "--path", str(old), path=False, check=3)
        self.assertIn("no .mpy bundle for CircuitPython 6.3.0", r.stderr)
        self.w.cpytool("install", "--py", "neopixel", "--path", str(old), path=False, check=0)

    def test_auto_detection_lists_several_drives_and_board_picks_one(self):
        self.w.publish(TAG1)
        mounts = self.tmp / "mounts"
        a = make_circuitpy(mounts / "CIRCUITPY", board_id="adafruit_feather_rp2040")
        b = make_circuitpy(mounts / "CIRCUITPY1", board_id="raspberry_pi_pico")
        env = {"CPYTOOL_MOUNT_ROOTS": str(mounts)}
        r = self.w.cpytool("install", "neopixel", env=env, path=False, check=4)
        self.assertIn("several CircuitPython drives", r.stderr)
        self.assertIn("CIRCUITPY1", r.stderr)
        self.w.cpytool("install", "neopixel", "--board", "raspberry_pi_pico", env=env, path=False, check=0)
        self.assertTrue((b / "lib" / "neopixel.mpy").exists())
        self.assertFalse((a / "lib" / "neopixel.mpy").exists())

    def test_lf_boot_out_and_9x_board_get_the_9x_zip(self):
        self.w.publish(TAG1)
        nine = make_circuitpy(self.tmp / "NINE", version="9.2.8", line_ending="\n")
        r, doc = self.w.json("install", "neopixel", "--path", str(nine), path=False, check=0)
        self.assertEqual(doc["platform"], "9.x-mpy")
        self.assertEqual(doc["board"]["version"], "9.2.8")


class ManageTest(LibraryTestCase):
    def test_list_reports_major_minor_and_mpy_format_reasons(self):
        self.w.publish(TAG1, with_versions(adafruit_register="2.0.0", neopixel="6.4.0"))
        (self.w.lib("adafruit_register")).mkdir()
        self.w.lib("adafruit_register/__init__.mpy").write_bytes(mpy_bytes("1.10.0"))
        self.w.lib("neopixel.mpy").write_bytes(mpy_bytes("6.3.11"))
        self.w.lib("adafruit_pixelbuf.mpy").write_bytes(mpy_bytes("2.0.4", mpy_version=5))
        self.w.lib("adafruit_lis3dh.mpy").write_bytes(mpy_bytes("5.2.6"))
        r, doc = self.w.json("list", check=0)
        reasons = {m["name"]: m["reason"] for m in doc["modules"]}
        self.assertEqual(reasons, {"adafruit_register": "major", "neopixel": "minor",
                                   "adafruit_pixelbuf": "mpy format", "adafruit_lis3dh": ""})
        self.assertEqual(sorted(doc["outdated"]), ["adafruit_pixelbuf", "adafruit_register", "neopixel"])
        human = self.w.cpytool("list", check=0).stdout
        self.assertIn("mpy format", human)
        self.assertNotIn("adafruit_lis3dh", human)

    def test_update_all_replaces_outdated_libraries_only(self):
        self.w.publish(TAG1)
        self.w.cpytool("install", "neopixel", "adafruit_bme280", check=0)
        before = self.w.lib("adafruit_bme280/__init__.mpy").read_bytes()
        self.w.publish(TAG2, with_versions(neopixel="6.4.0"))
        r, doc = self.w.json("update", "--all", check=0)
        self.assertEqual([u["name"] for u in doc["updated"]], ["neopixel"])
        self.assertIn(b"6.4.0\x00", self.w.lib("neopixel.mpy").read_bytes())
        self.assertEqual(self.w.lib("adafruit_bme280/__init__.mpy").read_bytes(), before)
        r, doc = self.w.json("update", "--all", check=0)
        self.assertEqual(doc["updated"], [])

    def test_freeze_prints_and_writes_requirements(self):
        self.w.publish(TAG1)
        self.w.cpytool("install", "--py", "adafruit_register", check=0)
        (self.w.lib("noversion.py")).write_text("x = 1\n")
        out = self.w.cpytool("freeze", check=0).stdout.splitlines()
        self.assertEqual(out, ["adafruit_bus_device==5.2.10", "adafruit_register==1.10.0", "noversion"])
        target = self.tmp / "req.txt"
        self.w.cpytool("freeze", "-r", str(target), check=0)
        self.assertEqual(target.read_text().splitlines(), out)

    def test_uninstall_removes_only_the_named_libraries(self):
        self.w.publish(TAG1)
        self.w.cpytool("install", "adafruit_register", "neopixel", check=0)
        (self.w.lib("notes.txt")).write_text("mine")
        r, doc = self.w.json("uninstall", "adafruit_register", "neopixel", check=0)
        self.assertEqual(doc["removed"], ["adafruit_register", "neopixel"])
        self.assertEqual(self.files(), ["adafruit_bus_device/__init__.mpy", "adafruit_bus_device/core.mpy",
                                        "adafruit_pixelbuf.mpy", "notes.txt"])
        self.assertFalse(self.w.lib("adafruit_register").exists())
        r = self.w.cpytool("uninstall", "adafruit_pixelbu", check=3)
        self.assertIn("did you mean 'adafruit_pixelbuf'?", r.stderr)

    def test_show_lists_and_filters_bundle_libraries(self):
        self.w.publish(TAG1)
        r, doc = self.w.json("show", "display", path=False, check=0)
        self.assertEqual([l["name"] for l in doc["libraries"]], ["adafruit_display_text"])
        self.assertEqual(doc["libraries"][0]["dependencies"], ["adafruit_bitmap_font"])
        out = self.w.cpytool("show", path=False, check=0).stdout
        self.assertIn("adafruit_bme280", out)
        self.assertIn(f"{len(LIBS)} libraries", out)
        self.w.cpytool("show", "zzz_nothing", path=False, check=3)

    def test_example_copies_renames_and_refuses_to_overwrite(self):
        self.w.publish(TAG1)
        self.w.cpytool("example", "bme280_simpletest", check=0)
        self.assertIn("bme280", (self.w.drive / "bme280_simpletest.py").read_text())
        r = self.w.cpytool("example", "bme280/bme280_simpletest", "--rename", check=1)
        self.assertIn("already exists", r.stderr)
        self.w.cpytool("example", "bme280/bme280_simpletest", "--rename", "--overwrite", check=0)
        self.assertIn("import adafruit_bme280", (self.w.drive / "code.py").read_text())
        listed = self.w.cpytool("example", "--list", "neo", path=False, check=0).stdout
        self.assertEqual(listed.split(), ["neopixel/neopixel_simpletest"])
        self.w.cpytool("example", "bme281_simpletest", check=3)


class DoctorTest(LibraryTestCase):
    def checks(self, doc):
        return {(c["level"], c["check"]) for c in doc["checks"]}

    def test_doctor_reports_outdated_libraries_and_leftover_temp_files(self):
        self.w.publish(TAG1)
        self.w.cpytool("install", "neopixel", check=0)
        self.w.publish(TAG2, with_versions(neopixel="6.4.0"))
        (self.w.lib("adafruit_pixelbuf.mpy.cpytool-tmp")).write_bytes(b"half")
        r, doc = self.w.json("doctor", check=0)
        self.assertTrue(doc["ok"])
        checks = self.checks(doc)
        self.assertIn(("ok", "board"), checks)
        self.assertIn(("warn", "out of date"), checks)
        self.assertIn(("warn", "leftover temp file"), checks)
        details = [c["detail"] for c in doc["checks"] if c["check"] in ("out of date", "leftover temp file")]
        self.assertTrue(any(d.startswith("neopixel") for d in details), details)
        self.assertTrue(any("adafruit_pixelbuf.mpy.cpytool-tmp" in d for d in details), details)

    def test_doctor_without_a_board_fails_the_board_check(self):
        self.w.publish(TAG1)
        r, doc = self.w.json("doctor", path=False, check=1)
        self.assertFalse(doc["ok"])
        self.assertIn(("fail", "board"), self.checks(doc))


class BundleSourceTest(LibraryTestCase):
    def test_custom_bundle_is_added_used_and_removed(self):
        self.w.publish(TAG1)
        mine = {"my_sensor": {"version": "0.3.0", "deps": ["adafruit_bus_device"], "package": False,
                              "repo": "My_Sensor", "files": None}}
        self.w.github.publish("someone/My_Bundle", "v1.0", bundle_assets("v1.0", mine, prefix="my-bundle"))
        self.w.cpytool("bundle", "add", "someone/My_Bundle", path=False, check=0)
        r, doc = self.w.json("bundle", "show", path=False, check=0)
        self.assertEqual([b["repo"] for b in doc["bundles"]][-1], "someone/My_Bundle")
        r, doc = self.w.json("install", "my_sensor", check=0)
        self.assertEqual([m["name"] for m in doc["installed"]], ["adafruit_bus_device", "my_sensor"])
        self.assertEqual(doc["installed"][1]["bundle"], "someone/My_Bundle")
        self.w.cpytool("bundle", "remove", "someone/My_Bundle", path=False, check=0)
        self.w.cpytool("install", "my_sensor", check=3)
        self.w.cpytool("bundle", "remove", ADAFRUIT, path=False, check=2)
        self.w.cpytool("bundle", "add", "not a repo", path=False, check=2)

    def test_pinned_tag_from_option_and_from_pyproject(self):
        self.w.publish(TAG1, with_versions(neopixel="6.0.0"))
        self.w.publish(TAG2, with_versions(neopixel="7.0.0"))
        r, doc = self.w.json("install", "--py", "neopixel", "--bundle-version", f"{ADAFRUIT}={TAG1}", check=0)
        self.assertEqual(doc["installed"][-1]["tag"], TAG1)
        self.assertIn("6.0.0", self.w.lib("neopixel.py").read_text())
        project = self.tmp / "project"
        project.mkdir()
        (project / "pyproject.toml").write_text(f'[tool.circup.bundle-versions]\n"{ADAFRUIT}" = "{TAG1}"\n')
        r, doc = self.w.json("show", "neopixel", path=False, cwd=project, check=0)
        self.assertEqual(doc["libraries"][0]["version"], "6.0.0")
        r, doc = self.w.json("show", "neopixel", path=False, check=0)
        self.assertEqual(doc["libraries"][0]["version"], "7.0.0")
        r = self.w.cpytool("show", "--bundle-version", f"{ADAFRUIT}=19990101", path=False, check=1)
        self.assertIn("pinned bundle", r.stderr)

    def test_local_bundle_zip_is_used_without_network(self):
        zip_path = self.tmp / f"{PREFIX}-py-{TAG1}.zip"
        zip_path.write_bytes(bundle_zip(PREFIX, "py", TAG1, LIBS))
        env = {"CPYTOOL_GITHUB_URL": "http://127.0.0.1:9"}
        r, doc = self.w.json("install", "--bundle-zip", str(zip_path), "adafruit_register", env=env, check=0)
        self.assertEqual([m["name"] for m in doc["installed"]], ["adafruit_bus_device", "adafruit_register"])
        self.assertEqual(self.files(), ["adafruit_bus_device/__init__.py", "adafruit_bus_device/core.py",
                                        "adafruit_register/__init__.py", "adafruit_register/core.py"])

    def test_bundle_json_missing_falls_back_to_requirements_in_the_zip(self):
        self.w.github.publish(ADAFRUIT, TAG1, bundle_assets(TAG1, with_json=False))
        r, doc = self.w.json("install", "adafruit_bme280", check=0)
        self.assertEqual([m["name"] for m in doc["installed"]], ["adafruit_bus_device", "adafruit_bme280"])
        self.assertEqual(doc["installed"][1]["version"], "2.6.28")


class NetworkTest(LibraryTestCase):
    def test_network_failure_falls_back_to_the_cached_bundle_with_a_warning(self):
        self.w.publish(TAG1)
        self.w.cpytool("show", path=False, check=0)
        self.w.github.fail[f"/{ADAFRUIT}/releases/latest"] = 500
        r = self.w.cpytool("show", "neopixel", path=False, check=0)
        self.assertIn(f"using the cached {ADAFRUIT} {TAG1}", r.stderr)
        stopped = dict(self.w.env, CPYTOOL_GITHUB_URL="http://127.0.0.1:9")
        r = self.w.cpytool("show", "neopixel", env=stopped, path=False, check=0)
        self.assertIn("using the cached", r.stderr)

    def test_offline_uses_the_cache_and_fails_clearly_without_one(self):
        r = self.w.cpytool("install", "neopixel", "--offline", check=5)
        self.assertIn("no cached copy", r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        self.w.publish(TAG1)
        self.w.cpytool("install", "neopixel", check=0)
        before = len(self.w.github.requests)
        self.w.cpytool("install", "-U", "neopixel", "--offline", check=0)
        self.assertEqual(len(self.w.github.requests), before)

    def test_a_bundle_without_releases_is_not_asked_again_within_the_ttl(self):
        self.w.publish(TAG1)
        community = "/adafruit/CircuitPython_Community_Bundle/releases/latest"
        ttl = {"CPYTOOL_BUNDLE_TTL": "3600"}
        first = self.w.cpytool("show", "neopixel", env=ttl, path=False, check=0)
        self.assertIn("no releases found for adafruit/CircuitPython_Community_Bundle (HTTP 404", first.stderr)
        second = self.w.cpytool("show", "neopixel", env=ttl, path=False, check=0)
        self.assertIn("no releases found for adafruit/CircuitPython_Community_Bundle (remembered", second.stderr)
        self.assertEqual(self.w.github.requests.count(community), 1)
        self.w.cpytool("show", "neopixel", path=False, check=0)  # TTL 0: asked again
        self.assertEqual(self.w.github.requests.count(community), 2)

    def test_http_500_without_cache_is_a_network_error(self):
        self.w.publish(TAG1)
        self.w.github.fail[f"/{ADAFRUIT}/releases/download/{TAG1}/{PREFIX}-10.x-mpy-{TAG1}.zip"] = 500
        r = self.w.cpytool("install", "neopixel", check=5)
        self.assertIn("HTTP 500", r.stderr)

    def test_http_404_for_the_mpy_zip_falls_back_to_py_and_404_for_all_fails(self):
        self.w.github.publish(ADAFRUIT, TAG1, bundle_assets(TAG1, platforms=("py",)))
        r, doc = self.w.json("install", "neopixel", check=0)
        self.assertIn("falling back to .py files", r.stderr)
        self.assertEqual(self.files(), ["adafruit_pixelbuf.py", "neopixel.py"])
        self.w.github.publish(ADAFRUIT, TAG2, {f"{PREFIX}-{TAG2}.json": b"{}"})
        r = self.w.cpytool("install", "-U", "neopixel", check=1)
        self.assertIn("HTTP 404", r.stderr)

    def test_corrupt_zip_is_rejected_and_not_cached(self):
        assets = bundle_assets(TAG1)
        name = f"{PREFIX}-10.x-mpy-{TAG1}.zip"
        data = bytearray(assets[name])
        data[200] ^= 0xFF
        assets[name] = bytes(data)
        self.w.github.publish(ADAFRUIT, TAG1, assets)
        r = self.w.cpytool("install", "neopixel", check=3)
        self.assertIn("corrupt bundle zip", r.stderr)
        self.assertEqual(self.files(), [])
        cached = list(self.w.cache.rglob("*.zip"))
        self.assertEqual(cached, [])

    def test_truncated_download_is_rejected_and_not_cached(self):
        self.w.publish(TAG1)
        self.w.github.truncate[f"/{ADAFRUIT}/releases/download/{TAG1}/{PREFIX}-10.x-mpy-{TAG1}.zip"] = 300
        r = self.w.cpytool("install", "neopixel", check=5)
        self.assertNotIn("Traceback", r.stderr)
        self.assertEqual(list(self.w.cache.rglob("*.zip")), [])
        self.assertEqual(list(self.w.cache.rglob("*.part*")), [])

    def test_zip_slip_entry_rejects_the_bundle(self):
        assets = bundle_assets(TAG1)
        name = f"{PREFIX}-10.x-mpy-{TAG1}.zip"
        assets[name] = bundle_zip(PREFIX, "10.x-mpy", TAG1, LIBS, extra={"lib/../../../../evil.py": "boom"})
        self.w.github.publish(ADAFRUIT, TAG1, assets)
        r = self.w.cpytool("install", "neopixel", check=3)
        self.assertIn("unsafe entry", r.stderr)
        self.assertFalse((self.tmp / "evil.py").exists())
        self.assertEqual(self.files(), [])


class DiskFullTest(LibraryTestCase):
    @unittest.skipUnless(is_root() and shutil.which("mount"), "needs root to mount a small tmpfs")
    def test_full_drive_is_detected_before_writing(self):
        big = {"adafruit_big": {"version": "1.0.0", "deps": [], "package": True, "repo": "Big",
                                "files": {"adafruit_big/__init__.py": "__version__ = '1.0.0'\n",
                                          "adafruit_big/data.py": "X = '" + os.urandom(60000).hex() + "'\n"}}}
        self.w.publish(TAG1, dict(LIBS, **big))
        small = self.tmp / "SMALL"
        small.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(small)]).returncode != 0:
            self.skipTest("cannot mount tmpfs here")
        try:
            make_circuitpy(small)
            self.w.cpytool("install", "--py", "neopixel", "--path", str(small), path=False, check=0)
            r = self.w.cpytool("install", "--py", "adafruit_big", "--path", str(small), path=False, check=6)
            self.assertIn("not enough space", r.stderr)
            self.assertFalse((small / "lib" / "adafruit_big").exists())
            self.assertTrue((small / "lib" / "neopixel.py").exists())
            leftovers = [p for p in small.rglob("*") if "cpytool-tmp" in p.name]
            self.assertEqual(leftovers, [])
        finally:
            subprocess.run(["umount", str(small)])


class BuildTest(LibraryTestCase):
    def test_bundle_build_from_example_libraries_installs_over_loopback(self):
        libs = Path(__file__).resolve().parents[2] / "examples" / "libs"
        out = self.tmp / "out"
        r = self.w.cpytool("bundle", "build", str(libs), "--tag", TAG1, "--prefix", PREFIX, "-o", str(out),
                           path=False, check=0)
        names = {p.name for p in out.iterdir()}
        self.assertEqual(names, {f"{PREFIX}-10.x-mpy-{TAG1}.zip", f"{PREFIX}-9.x-mpy-{TAG1}.zip",
                                 f"{PREFIX}-{TAG1}.json", f"{PREFIX}-py-{TAG1}.zip"})
        with zipfile.ZipFile(out / f"{PREFIX}-10.x-mpy-{TAG1}.zip") as z:
            mpy = z.read(f"{PREFIX}-10.x-mpy-{TAG1}/lib/adafruit_bus_device/i2c_device.mpy")
            self.assertEqual(mpy[:4], b"C\x06\x00\x1f")  # compiled by our mpycross: mpy v6, CircuitPython magic
            self.assertIsNone(z.testzip())
        index = json.loads((out / f"{PREFIX}-{TAG1}.json").read_text())
        self.assertEqual(index["adafruit_register"]["dependencies"], ["adafruit_bus_device"])
        self.assertEqual(index["adafruit_display_text"]["dependencies"], ["adafruit_bitmap_font"])
        self.assertEqual(index["neopixel"]["repo"], "https://github.com/adafruit/adafruit_circuitpython_neopixel")
        with zipfile.ZipFile(out / f"{PREFIX}-py-{TAG1}.zip") as z:
            self.assertIn(f"{PREFIX}-py-{TAG1}/lib/adafruit_bus_device/i2c_device.py", z.namelist())
            self.assertIn(f"{PREFIX}-py-{TAG1}/examples/bme280/bme280_simpletest.py", z.namelist())
            self.assertIsNone(z.testzip())
        self.w.github.publish(ADAFRUIT, TAG1, {p.name: p for p in out.iterdir()})
        r, doc = self.w.json("install", "adafruit_bme280", "adafruit_display_text", check=0)
        self.assertNotIn("falling back to .py files", r.stderr)
        self.assertEqual(sorted(m["name"] for m in doc["installed"]),
                         ["adafruit_bitmap_font", "adafruit_bme280", "adafruit_bus_device", "adafruit_display_text"])
        self.assertTrue(any(self.w.drive.glob("lib/adafruit_bus_device/*.mpy")))


if __name__ == "__main__":
    unittest.main()
