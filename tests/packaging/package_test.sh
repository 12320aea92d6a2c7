#!/usr/bin/env bash
# Builds the CPU-only packages, installs the .deb into a fresh root (dpkg-deb -x) and runs the
# programs from there, with no venv and no build tree in reach; checks RPATHs and runs lintian.
#   package_test.sh SOURCE_DIR BUILD_DIR PYTHON
set -euo pipefail
SRC="$1"; BUILD="$2"; PYTHON="$3"
fail() { echo "FAIL: $*"; exit 1; }

cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSDXL_BUILD_TESTS=OFF -DSDXL_CUDA=OFF \
  -DCMAKE_INSTALL_PREFIX=/usr -DSDXL_PYTHON="$PYTHON" -DSDXL_PACKAGE_COMPRESSION=gzip > "$BUILD.configure.log" 2>&1 \
  || { tail -30 "$BUILD.configure.log"; fail "configure"; }
cmake --build "$BUILD" > "$BUILD.build.log" 2>&1 || { grep -E 'error|FAILED' -A5 "$BUILD.build.log" | head -40; fail "build"; }
rm -f "$BUILD"/sdxl-studio_*.deb "$BUILD"/sdxl-studio_*.tar.gz
(cd "$BUILD" && cpack -G "DEB;TGZ" > cpack.log 2>&1) || { tail -30 "$BUILD/cpack.log"; fail "cpack"; }
DEB=$(ls "$BUILD"/sdxl-studio_*amd64-cpu.deb)
TGZ=$(ls "$BUILD"/sdxl-studio_*amd64-cpu.tar.gz)
echo "packages: $(du -h "$DEB" | cut -f1) $(basename "$DEB"), $(du -h "$TGZ" | cut -f1) $(basename "$TGZ")"
dpkg-deb --info "$DEB" | grep -E 'Package|Version|Depends|Installed-Size'

ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
dpkg-deb -x "$DEB" "$ROOT"
echo "installed size: $(du -sh "$ROOT" | cut -f1)"
for f in usr/bin/sdxl-cli usr/bin/sdxl-studio usr/share/applications/sdxl-studio.desktop \
         usr/share/icons/hicolor/scalable/apps/sdxl-studio.svg usr/share/icons/hicolor/256x256/apps/sdxl-studio.png \
         usr/share/metainfo/io.github.sdxl_studio.SdxlStudio.metainfo.xml usr/share/man/man1/sdxl-cli.1.gz usr/share/man/man1/sdxl-studio.1.gz \
         usr/share/sdxl-studio/clip-tokenizer/tokenizer_2/vocab.json usr/lib/sdxl-studio/libtorch_cpu.so \
         usr/share/doc/sdxl-studio/copyright; do
  [ -e "$ROOT/$f" ] || fail "the package lacks $f"
done

# Nothing may point back at the build machine: RPATHs are $ORIGIN-relative, never absolute.
for elf in "$ROOT"/usr/bin/* "$ROOT"/usr/lib/sdxl-studio/*; do
  paths=$(readelf -d "$elf" 2>/dev/null | grep -E 'RPATH|RUNPATH' | sed -E 's/.*\[(.*)\]/\1/' || true)
  for p in ${paths//:/ }; do
    case "$p" in \$ORIGIN*) ;; *) fail "$(basename "$elf") has the absolute library path $p" ;; esac
  done
done

# Run from the unpacked tree with a bare environment: no venv, no LD_LIBRARY_PATH.
run() { env -i PATH=/usr/bin:/bin HOME="$ROOT/home" QT_QPA_PLATFORM=offscreen "$@"; }
mkdir -p "$ROOT/home"
run "$ROOT/usr/bin/sdxl-cli" --version | tee "$ROOT/v.txt"
grep -q "LibTorch 2.11" "$ROOT/v.txt" || fail "sdxl-cli --version"
run "$ROOT/usr/bin/sdxl-cli" generate --model builtin:tiny --prompt "a red fox" --size 64x64 --steps 2 --out "$ROOT/out"
[ -f "$ROOT/out/sdxl-00001.png" ] || fail "no image from the installed sdxl-cli"
run "$ROOT/usr/bin/sdxl-studio" --version | tee "$ROOT/s.txt"
grep -q "Qt 6" "$ROOT/s.txt" || fail "sdxl-studio --version"
! run ldd "$ROOT/usr/bin/sdxl-studio" | grep -q "not found" || fail "sdxl-studio has unresolved libraries"
! run ldd "$ROOT/usr/bin/sdxl-studio" | grep -q "venv" || fail "sdxl-studio loads libraries from the venv"

# lintian: errors fail the test unless packaging/lintian-overrides explains them.
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$DEB" > "$BUILD/lintian.txt" 2>&1 || true
  cat "$BUILD/lintian.txt"
  if grep -q '^E:' "$BUILD/lintian.txt"; then fail "lintian reports errors (see above; fix them or explain them in packaging/README.md and packaging/lintian-overrides)"; fi
fi
echo "package checks passed"
