#!/usr/bin/env bash
# Sets up everything SDXL Studio needs on Debian 12 and builds it; idempotent: each step is
# skipped when already done, so a second run takes seconds.
#   1. Debian packages (Qt 6, QCustomPlot, GoogleTest, ICU, ...), installed only if missing
#   2. the Python environment .venv with the pinned torch wheel (LibTorch) and the reference
#      libraries, reinstalled only when requirements.txt changes
#   3. CUTLASS's headers where a CUDA compiler is found (scripts/fetch_cutlass.py)
#   4. configure (CMake preset "dev") and build (ninja; ccache)
# Sourced by scripts/studio and scripts/test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m[sdxl-studio]\033[0m %s\n' "$*"; }

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config python3 python3-venv git
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqt6svg6 libgl-dev
  libqcustomplot-dev nlohmann-json3-dev libpng-dev libicu-dev libgtest-dev libgmock-dev
  clang libclang-rt-14-dev dpkg-dev fakeroot lintian file
  desktop-file-utils appstream  # the package test validates the desktop entry and metainfo
  fonts-ipafont-gothic  # Japanese glyphs for the interface and its screenshots
  qt6-translations-l10n # Qt's own dialogs in Japanese
  librsvg2-bin          # the icon rendered to PNG sizes for the package
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python 3.10+ for the venv; Debian 12's python3 is 3.11.
PY="${SDXL_BOOTSTRAP_PYTHON:-python3}"
REQ_HASH="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ ! -x .venv/bin/python3 ] || [ "$(cat .venv/.requirements-hash 2>/dev/null)" != "$REQ_HASH" ]; then
  say "setting up .venv (torch wheel with LibTorch, transformers, diffusers; a few GB the first time)"
  [ -x .venv/bin/python3 ] || "$PY" -m venv .venv
  .venv/bin/python3 -m pip install -q --upgrade pip
  .venv/bin/python3 -m pip install -q --no-cache-dir -r requirements.txt # no second copy of the wheels on disk
  echo "$REQ_HASH" > .venv/.requirements-hash
fi

# The built-in model's CLIP tokenizer, rebuilt from CLIP's public BPE data in the open_clip_torch
# wheel (byte-identical to SDXL-base's tokenizer files, which the check verifies; the project
# does not commit the 3 MB of vocabulary). The tests' reference tokenizer is this one too.
if ! .venv/bin/python3 scripts/make_clip_tokenizer.py --check .cache/clip-tokenizer >/dev/null 2>&1; then
  say "making the built-in model's CLIP tokenizer (.cache/clip-tokenizer)"
  .venv/bin/python3 scripts/make_clip_tokenizer.py .cache/clip-tokenizer
fi

# CUTLASS's headers for the Hopper GEGLU GEMM (core/src/cuda/sm90), from PyPI's nvidia-cutlass
# wheel. Only builds with a CUDA compiler use them; without them that one kernel is left out.
if { command -v nvcc >/dev/null 2>&1 || [ -x /usr/local/cuda/bin/nvcc ]; } && [ ! -f .cache/cutlass/include/cutlass/cutlass.h ]; then
  say "fetching CUTLASS's headers (.cache/cutlass)"
  .venv/bin/python3 scripts/fetch_cutlass.py .cache/cutlass || say "CUTLASS not fetched: the Hopper GEGLU GEMM is left out"
fi

if [ ! -f build/build.ninja ]; then
  say "configuring (cmake --preset dev)"
  cmake --preset dev -DSDXL_PYTHON="$ROOT/.venv/bin/python3" >/dev/null
fi
say "building (cmake --build --preset dev)"
cmake --build --preset dev
