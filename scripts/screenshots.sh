#!/usr/bin/env bash
# Makes the README's screenshots on purpose (the test suite never writes into the source tree):
# runs the studio's UI test offscreen with SDXL_SCREENSHOT_DIR pointing at docs/screenshots.
# Needs a build (scripts/test or scripts/studio once).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p docs/screenshots
QT_QPA_PLATFORM=offscreen SDXL_SCREENSHOT_DIR="$ROOT/docs/screenshots" build/tests/ui/test_studio "$@"
ls -l docs/screenshots
