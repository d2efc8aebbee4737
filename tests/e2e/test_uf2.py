"""`cpytool uf2 info|convert|extract` on UF2 files the tests build, good and damaged."""
import json
import struct
import unittest

from harness import TempDirTestCase, run
from uf2_files import FLAG_FAMILY, FLAG_NOT_MAIN_FLASH, RP2040, RP2350, SAMD21, block, fields, sample_binary, uf2


class Uf2Convert(TempDirTestCase):
    def test_convert_writes_the_blocks_uf2conv_would(self):
        binary = sample_binary(1000)
        (self.tmp / "fw.bin").write_bytes(binary)
        out = run(["uf2", "convert", str(self.tmp / "fw.bin"), "--base", "0x10000000", "--family", "RP2040",
                   "-o", str(self.tmp / "fw.uf2")], check=0)
        self.assertIn("4 blocks", out.stdout)
        data = (self.tmp / "fw.uf2").read_bytes()
        self.assertEqual(data, uf2(binary, 0x10000000, RP2040))
        self.assertEqual(fields(data, 3), (FLAG_FAMILY, 0x10000300, 256, 3, 4, RP2040))

    def test_convert_takes_numeric_families_and_none(self):
        (self.tmp / "a.bin").write_bytes(b"\x01" * 300)
        run(["uf2", "convert", str(self.tmp / "a.bin"), "--base", "8192", "--family", "none",
             "-o", str(self.tmp / "samd.uf2")], check=0)
        self.assertEqual(fields((self.tmp / "samd.uf2").read_bytes(), 1), (0, 0x2100, 256, 1, 2, 0))
        run(["uf2", "convert", str(self.tmp / "a.bin"), "--base", "0", "--family", "0x12345678",
             "-o", str(self.tmp / "n.uf2")], check=0)
        self.assertEqual(fields((self.tmp / "n.uf2").read_bytes(), 0)[5], 0x12345678)

    def test_convert_suggests_a_family_for_a_typo(self):
        (self.tmp / "a.bin").write_bytes(b"\x01" * 10)
        result = run(["uf2", "convert", str(self.tmp / "a.bin"), "--base", "0", "--family", "SAMD52",
                      "-o", str(self.tmp / "x.uf2")], check=2)
        self.assertIn("unknown UF2 family 'SAMD52'", result.stderr)
        self.assertIn("did you mean", result.stderr)
        self.assertFalse((self.tmp / "x.uf2").exists())

    def test_convert_refuses_a_bad_base_and_an_empty_binary(self):
        (self.tmp / "empty.bin").write_bytes(b"")
        (self.tmp / "a.bin").write_bytes(b"\x01" * 10)
        run(["uf2", "convert", str(self.tmp / "a.bin"), "--base", "0xZZ", "--family", "RP2040",
             "-o", str(self.tmp / "x.uf2")], check=2)
        result = run(["uf2", "convert", str(self.tmp / "empty.bin"), "--base", "0", "--family", "RP2040",
                      "-o", str(self.tmp / "x.uf2")], check=3)
        self.assertIn("empty", result.stderr)


class Uf2Info(TempDirTestCase):
    def test_info_json_gives_family_ranges_gaps_and_blocks(self):
        data = uf2(sample_binary(512), 0x10000000, RP2040) + uf2(sample_binary(256, 3), 0x10010000, RP2040)
        (self.tmp / "gaps.uf2").write_bytes(data)
        doc = json.loads(run(["--json", "uf2", "info", str(self.tmp / "gaps.uf2")], check=0).stdout)
        self.assertTrue(doc["ok"])
        self.assertEqual(doc["blocks"], 3)
        self.assertEqual(doc["file_size"], 3 * 512)
        self.assertEqual(len(doc["sections"]), 2)
        [fam] = doc["families"]
        self.assertEqual(fam["family"]["name"], "RP2040")
        self.assertEqual(fam["family"]["id"], "0xe48bff56")
        self.assertEqual(fam["bytes"], 768)
        self.assertEqual(fam["ranges"], [{"start": "0x10000000", "end": "0x100001ff", "size": 512},
                                         {"start": "0x10010000", "end": "0x100100ff", "size": 256}])
        self.assertEqual(fam["gaps"], [{"start": "0x10000200", "end": "0x1000ffff", "size": 0x10000 - 512}])

    def test_info_human_output_names_family_and_counts_not_main_flash_blocks(self):
        blocks = [block(0x10000000, b"\xAA" * 256, 0, 3, RP2350),
                  block(0x0, b"\xBB" * 256, 1, 3, RP2350, FLAG_FAMILY | FLAG_NOT_MAIN_FLASH),
                  block(0x10000100, b"\xCC" * 256, 2, 3, RP2350)]
        (self.tmp / "x.uf2").write_bytes(b"".join(blocks))
        out = run(["uf2", "info", str(self.tmp / "x.uf2")], check=0).stdout
        self.assertIn("RP2350_ARM_S (0xe48bff59)", out)
        self.assertIn("0x10000000..0x100001ff", out)
        self.assertIn("1 block(s) marked not-main-flash", out)

    def test_info_names_the_block_and_offset_of_damage(self):
        data = bytearray(uf2(sample_binary(1024), 0x2000, SAMD21))
        struct.pack_into("<I", data, 3 * 512 + 508, 0xDEADBEEF)
        (self.tmp / "bad.uf2").write_bytes(data)
        result = run(["uf2", "info", str(self.tmp / "bad.uf2")], check=3)
        self.assertIn("block 3 at byte offset 2044: bad end magic 0xdeadbeef", result.stderr)
        doc = json.loads(run(["--json", "uf2", "info", str(self.tmp / "bad.uf2")], check=3).stdout)
        self.assertFalse(doc["ok"])
        self.assertIn("block 3", doc["error"]["message"])

    def test_info_reports_missing_blocks_and_overlaps(self):
        data = uf2(sample_binary(1024), 0x2000)
        (self.tmp / "missing.uf2").write_bytes(data[:512] + data[1024:])
        self.assertIn("block number 2, expected 1",
                      run(["uf2", "info", str(self.tmp / "missing.uf2")], check=3).stderr)
        (self.tmp / "truncated.uf2").write_bytes(data[:1536])
        self.assertIn("ends after block 2 of a sequence of 4",
                      run(["uf2", "info", str(self.tmp / "truncated.uf2")], check=3).stderr)
        (self.tmp / "overlap.uf2").write_bytes(data + uf2(b"\1" * 256, 0x2100))
        self.assertIn("overlaps block 1", run(["uf2", "info", str(self.tmp / "overlap.uf2")], check=3).stderr)

    def test_info_on_a_non_uf2_or_missing_file(self):
        (self.tmp / "fw.bin").write_bytes(b"\x7fELF" + bytes(600))
        self.assertIn("not a UF2 file", run(["uf2", "info", str(self.tmp / "fw.bin")], check=3).stderr)
        self.assertIn("cannot read", run(["uf2", "info", str(self.tmp / "none.uf2")], check=6).stderr)


class Uf2Extract(TempDirTestCase):
    def test_convert_then_extract_gives_the_binary_back(self):
        binary = sample_binary(256 * 7)
        (self.tmp / "in.bin").write_bytes(binary)
        run(["uf2", "convert", str(self.tmp / "in.bin"), "--base", "0x4000", "--family", "SAMD51",
             "-o", str(self.tmp / "fw.uf2")], check=0)
        doc = json.loads(run(["--json", "uf2", "extract", str(self.tmp / "fw.uf2"), "-o", str(self.tmp / "out.bin")],
                             check=0).stdout)
        self.assertEqual(doc["base"], "0x00004000")
        self.assertEqual((self.tmp / "out.bin").read_bytes(), binary)

    def test_extract_fills_gaps_and_needs_a_family_choice_for_mixed_files(self):
        data = uf2(b"\x11" * 256, 0x1000, RP2040) + uf2(b"\x22" * 256, 0x1200, RP2040) + uf2(b"\x33" * 256, 0x1000,
                                                                                               RP2350)
        (self.tmp / "mixed.uf2").write_bytes(data)
        result = run(["uf2", "extract", str(self.tmp / "mixed.uf2"), "-o", str(self.tmp / "x.bin")], check=2)
        self.assertIn("several families", result.stderr)
        run(["uf2", "extract", str(self.tmp / "mixed.uf2"), "--family", "rp2040", "--fill", "0xff",
             "-o", str(self.tmp / "x.bin")], check=0)
        self.assertEqual((self.tmp / "x.bin").read_bytes(), b"\x11" * 256 + b"\xff" * 256 + b"\x22" * 256)
        run(["uf2", "extract", str(self.tmp / "mixed.uf2"), "--family", "RP2350", "-o", str(self.tmp / "y.bin")],
            check=0)
        self.assertEqual((self.tmp / "y.bin").read_bytes(), b"\x33" * 256)


if __name__ == "__main__":
    unittest.main()
