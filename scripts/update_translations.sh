#!/usr/bin/env bash
# Adds new tr() strings of ui/ and the core's QT_TRANSLATE_NOOP("sdxl", ...) messages to the .ts files and writes the Japanese of
# translations/ja_strings.py into them (exit 1 lists strings that have none yet). lupdate reads
# the sources directly: CMake's update_translations target also parses the torch-including
# precompiled header, which takes lupdate's clang parser a quarter of an hour on two cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LUPDATE=/usr/lib/qt6/bin/lupdate # Debian 12: the lupdate on PATH may be Qt 5's chooser
"$LUPDATE" ui/*.cpp ui/*.h $(find core/src -name "*.cpp") -no-obsolete -locations none -ts translations/sdxl-studio_en.ts translations/sdxl-studio_ja.ts
python3 scripts/fill_translations.py
