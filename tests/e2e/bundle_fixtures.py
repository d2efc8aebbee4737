"""Fixture bundles for the library e2e tests: real zips in the official layout, published on FakeGitHub."""
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from harness import FakeGitHub, make_circuitpy, run

ADAFRUIT = "adafruit/Adafruit_CircuitPython_Bundle"
PREFIX = "adafruit-circuitpython-bundle"


def lib(version, deps=(), package=False, repo=None, files=None, name=None):
    return {"version": version, "deps": list(deps), "package": package, "repo": repo, "files": files}


# Shaped like the real bundle: packages and single files, dependencies between them.
LIBS = {
    "adafruit_bus_device": lib("5.2.10", package=True, repo="Adafruit_CircuitPython_BusDevice"),
    "adafruit_register": lib("1.10.0", ["adafruit_bus_device"], package=True, repo="Adafruit_CircuitPython_Register"),
    "adafruit_bme280": lib("2.6.28", ["adafruit_bus_device"], package=True, repo="Adafruit_CircuitPython_BME280"),
    "neopixel": lib("6.3.11", ["adafruit_pixelbuf"], repo="Adafruit_CircuitPython_NeoPixel"),
    "adafruit_pixelbuf": lib("2.0.4", repo="Adafruit_CircuitPython_Pixelbuf"),
    "adafruit_display_text": lib("3.2.2", ["adafruit_bitmap_font"], package=True,
                                 repo="Adafruit_CircuitPython_Display_Text"),
    "adafruit_bitmap_font": lib("2.1.3", package=True, repo="Adafruit_CircuitPython_Bitmap_Font"),
    "adafruit_lis3dh": lib("5.2.6", ["adafruit_bus_device"], repo="Adafruit_CircuitPython_LIS3DH"),
}


def mpy_bytes(version, mpy_version=6, body=b"\x00" * 40):
    """A CircuitPython-shaped .mpy: header, some bytes, the version string NUL-terminated."""
    return bytes([ord("C"), mpy_version, 0, 31]) + body + b"\x0a" + version.encode() + b"\x00" + b"\x51\x63"


def source_files(name, spec):
    if spec.get("files"):
        return spec["files"]
    text = f'__version__ = "{spec["version"]}"\n__repo__ = "https://github.com/adafruit/{spec["repo"]}.git"\n'
    if spec["package"]:
        return {f"{name}/__init__.py": text, f"{name}/core.py": f"# {name} core\nVALUE = 1\n"}
    return {f"{name}.py": text}


def bundle_zip(prefix, platform, tag, libs, extra=None, mpy_version=6):
    """Bytes of a bundle zip: <top>/lib, requirements/, examples/, VERSIONS.txt."""
    top = f"{prefix}-{platform}-{tag}/"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(top + "VERSIONS.txt", f"{tag}\r\n")
        for name, spec in libs.items():
            for rel, text in source_files(name, spec).items():
                if platform == "py" or not rel.endswith(".py"):
                    z.writestr(top + "lib/" + rel, text)
                else:
                    z.writestr(top + "lib/" + rel[:-3] + ".mpy", mpy_bytes(spec["version"], mpy_version))
            reqs = "Adafruit-Blinka\n" + "".join(
                "adafruit-circuitpython-" + d.replace("adafruit_", "").replace("_", "-") + "\n" for d in spec["deps"])
            z.writestr(top + f"requirements/{name}/requirements.txt", reqs)
        short = "bme280"
        z.writestr(top + f"examples/{short}/bme280_simpletest.py", "import adafruit_bme280\nprint('bme280')\n")
        z.writestr(top + "examples/neopixel/neopixel_simpletest.py", "import neopixel\nprint('rainbow')\n")
        for name, data in (extra or {}).items():
            z.writestr(top + name, data)
    return buf.getvalue()


def bundle_json(libs, owner="adafruit"):
    doc = {}
    for name, spec in libs.items():
        repo = spec["repo"] or name
        doc[name] = {"dependencies": spec["deps"], "external_dependencies": [], "package": spec["package"],
                     "path": f"lib/{name}", "pypi_name": repo.lower().replace("_", "-"),
                     "repo": f"https://github.com/{owner}/{repo}".lower(), "version": spec["version"]}
    return json.dumps(doc, indent=1).encode()


def bundle_assets(tag, libs=None, prefix=PREFIX, platforms=("py", "9.x-mpy", "10.x-mpy"), with_json=True):
    libs = LIBS if libs is None else libs
    assets = {f"{prefix}-{p}-{tag}.zip": bundle_zip(prefix, p, tag, libs) for p in platforms}
    if with_json:
        assets[f"{prefix}-{tag}.json"] = bundle_json(libs)
    return assets


def with_versions(**versions):
    """LIBS with some versions changed: with_versions(neopixel="7.0.0")."""
    out = {k: dict(v) for k, v in LIBS.items()}
    for name, version in versions.items():
        out[name]["version"] = version
    return out


class LibraryEnv:
    """One test's world: a fake GitHub, a cache, a config folder and a CIRCUITPY drive."""

    def __init__(self, tmp):
        self.tmp = Path(tmp)
        self.cache = self.tmp / "cache"
        self.config = self.tmp / "config"
        self.drive = make_circuitpy(self.tmp / "CIRCUITPY")
        self.cwd = self.tmp / "work"
        self.cwd.mkdir()
        self.github = FakeGitHub(self.tmp / "gh")
        self.github.__enter__()
        self.env = {"CPYTOOL_GITHUB_URL": self.github.url, "CPYTOOL_CACHE_DIR": str(self.cache),
                    "CPYTOOL_CONFIG_DIR": str(self.config), "CPYTOOL_HTTP_RETRIES": "0",
                    "CPYTOOL_BUNDLE_TTL": "0", "CPYTOOL_DATA_DIR": str(Path(__file__).resolve().parents[2] / "data"),
                    "CPYTOOL_MOUNT_ROOTS": str(self.tmp / "no-mounts")}

    def close(self):
        self.github.__exit__(None, None, None)

    def publish(self, tag, libs=None, **kw):
        self.github.publish(ADAFRUIT, tag, bundle_assets(tag, libs, **kw))

    def cpytool(self, *args, check=None, env=None, cwd=None, path=True):
        full = dict(self.env)
        full.update(env or {})
        argv = list(args)
        if path:
            argv += ["--path", str(self.drive)]
        return run(argv, env=full, cwd=cwd or self.cwd, check=check)

    def json(self, *args, **kw):
        result = self.cpytool("--json", *args, **kw)
        return result, json.loads(result.stdout) if result.stdout.strip() else None

    def lib(self, rel=""):
        return self.drive / "lib" / rel
