#!/usr/bin/env python3
"""Serve a folder of bundle release files on loopback, laid out like GitHub releases (for the demo).

  serve-releases.py OWNER/REPO TAG FILE...    prints the base URL, then serves until killed
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))
from harness import FakeGitHub  # noqa: E402


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    owner_repo, tag, files = sys.argv[1], sys.argv[2], [Path(f) for f in sys.argv[3:]]
    root = Path(tempfile.mkdtemp(prefix="cpytool-releases-"))
    try:
        with FakeGitHub(root) as github:
            github.publish(owner_repo, tag, {f.name: f for f in files})
            print(github.url, flush=True)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
