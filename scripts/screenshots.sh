#!/usr/bin/env bash
# Makes the README's screenshots on purpose (the test suite never writes into the source tree):
# runs the studio's readmeScreenshots test offscreen with SDXL_SCREENSHOT_DIR pointing at
# docs/screenshots: English and Japanese, 1024x700 and full HD, the studio, the compare view with a
# committed H200 report, the X/Y/Z grid made on a GPU (docs/benchmarks/grid, from
# `scripts/gpu_run.sh grid`) and a restored PNG. Needs a build (scripts/test once).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p docs/screenshots
QT_QPA_PLATFORM=offscreen SDXL_SCREENSHOT_DIR="$ROOT/docs/screenshots" build/tests/ui/test_studio readmeScreenshots "$@"
ls -l docs/screenshots
