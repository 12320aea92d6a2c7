#!/usr/bin/env python3
"""Unpacks CUTLASS's C++ headers (include/cute, include/cutlass) and licence from PyPI's
nvidia-cutlass wheel, for the Hopper GEGLU GEMM (core/src/cuda/sm90). Header-only: nothing is
compiled here.

  fetch_cutlass.py OUT_DIR               (downloads the pinned wheel with pip)
  fetch_cutlass.py OUT_DIR --wheel FILE  (uses a wheel already here, e.g. on the GPU machine)
"""
import os
import subprocess
import sys
import tempfile
import zipfile

WHEEL = "nvidia-cutlass==4.2.0.0"
PREFIX = "cutlass_library/source/"


def main():
    out = sys.argv[1]
    if "--wheel" in sys.argv:
        wheel = sys.argv[sys.argv.index("--wheel") + 1]
    else:
        tmp = tempfile.mkdtemp()
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp, WHEEL], check=True)
        wheel = os.path.join(tmp, os.listdir(tmp)[0])
    count = 0
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            keep = name.startswith(PREFIX + "include/cute/") or name.startswith(PREFIX + "include/cutlass/")
            if name.endswith("LICENSE.txt") or name.endswith("/LICENSE"):
                target = os.path.join(out, "LICENSE.txt")
            elif keep and not name.endswith("/"):
                target = os.path.join(out, name[len(PREFIX):])
            else:
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(name) as src, open(target, "wb") as dst:
                dst.write(src.read())
            count += 1
    if not os.path.exists(os.path.join(out, "include/cutlass/cutlass.h")):
        sys.exit(f"{wheel}: no CUTLASS headers found")
    print(f"CUTLASS headers: {count} files in {out}")


if __name__ == "__main__":
    main()
