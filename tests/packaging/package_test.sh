#!/usr/bin/env bash
# Builds the CPU-only packages, installs the .deb into a fresh root (dpkg-deb -x) and runs the
# programs from there, with no venv and no build tree in reach; checks RPATHs, the desktop entry,
# the AppStream metainfo and lintian; then installs, upgrades and removes it with dpkg itself in a
# root of its own: an upgrade keeps the user's settings and models, removal leaves nothing behind.
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
DPKG_ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT" "$DPKG_ROOT"' EXIT
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
# Desktop integration, by the tools that read it.
desktop-file-validate "$ROOT/usr/share/applications/sdxl-studio.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net --pedantic "$ROOT/usr/share/metainfo/io.github.sdxl_studio.SdxlStudio.metainfo.xml" ||
  fail "appstreamcli validate"

# dpkg in a root of its own (no maintainer scripts: the package has none). The earlier version is
# this one relabelled, with one library more that the upgrade must take away.
mkdir -p "$DPKG_ROOT"/var/lib/dpkg/{info,updates,triggers} "$DPKG_ROOT/home/user"
touch "$DPKG_ROOT/var/lib/dpkg/status"
[ -z "$(dpkg-deb --ctrl-tarfile "$DEB" | tar -t | grep -E 'preinst|postinst|prerm|postrm')" ] ||
  fail "the package has maintainer scripts; this test does not run them"
OLD="$BUILD/old"
rm -rf "$OLD" && dpkg-deb -R "$DEB" "$OLD"
sed -i 's/^Version: .*/Version: 0.0.1/' "$OLD/DEBIAN/control"
cp "$OLD/usr/lib/sdxl-studio/libgomp.so.1" "$OLD/usr/lib/sdxl-studio/libobsolete.so"
dpkg-deb -Zgzip -z1 --root-owner-group -b "$OLD" "$BUILD/old.deb" > /dev/null
rm -rf "$OLD"
pkg() { dpkg --root="$DPKG_ROOT" --force-depends --force-script-chrootless "$@" > "$BUILD/dpkg.log" 2>&1 ||
          { tail -20 "$BUILD/dpkg.log"; fail "dpkg $*"; }; }
pkg -i "$BUILD/old.deb"
[ -f "$DPKG_ROOT/usr/lib/sdxl-studio/libobsolete.so" ] || fail "the earlier version did not install"
# What a person has made by then: settings (QSettings' file) and a models folder.
SETTINGS="$DPKG_ROOT/home/user/.config/SDXL Studio/SDXL Studio.conf"
MODELS="$DPKG_ROOT/home/user/.local/share/sdxl-studio/models"
mkdir -p "$(dirname "$SETTINGS")" "$MODELS"
printf '[General]\nmodelsFolder=%s\n' "$MODELS" > "$SETTINGS"
head -c 4096 /dev/urandom > "$MODELS/my-model.safetensors"
before=$(cat "$SETTINGS" "$MODELS/my-model.safetensors" | sha256sum)
pkg -i "$DEB"
dpkg-query --admindir="$DPKG_ROOT/var/lib/dpkg" -W -f='${Version}' sdxl-studio | grep -qx "$(dpkg-deb -f "$DEB" Version)" ||
  fail "the upgrade did not take"
[ ! -e "$DPKG_ROOT/usr/lib/sdxl-studio/libobsolete.so" ] || fail "the upgrade left the earlier version's file"
env -i PATH=/usr/bin:/bin HOME="$DPKG_ROOT/home/user" "$DPKG_ROOT/usr/bin/sdxl-cli" --version > /dev/null ||
  fail "sdxl-cli after the upgrade"
[ "$(cat "$SETTINGS" "$MODELS/my-model.safetensors" | sha256sum)" = "$before" ] || fail "the upgrade changed the user's files"
pkg --purge sdxl-studio
left=$(cd "$DPKG_ROOT" && find . -path ./var/lib/dpkg -prune -o -path ./home -prune -o -type f -print -o -type l -print)
[ -z "$left" ] || fail "removing the package left files behind: $left"
[ "$(cat "$SETTINGS" "$MODELS/my-model.safetensors" | sha256sum)" = "$before" ] || fail "removal touched the user's files"
echo "dpkg: installed 0.0.1, upgraded to $(dpkg-deb -f "$DEB" Version), purged; nothing left, the user's files as they were"
echo "package checks passed"
