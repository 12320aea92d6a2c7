#!/usr/bin/env bash
# Prepares what scripts/gpu_run.sh needs on the lent GPU machine and cannot fetch there (it has
# no network, no Qt and no Debian dev packages), in the git-ignored folder .gpu that the device
# call carries (name ".gpu" in `carry`):
#   .gpu/debs                   Debian 12's nlohmann-json, ICU, libpng and zlib development
#                               packages, unpacked there into a private sysroot
#   .gpu/whl                    the Python wheels the reference side needs and the machine
#                               lacks (diffusers), for its Python 3.12
#   .gpu/clip-tokenizer.tar.xz  SDXL-base's tokenizer as the bootstrap made it (.cache/clip-tokenizer)
#   .gpu/cutlass.tar.xz         CUTLASS's headers for the Hopper kernels (.cache/cutlass)
# Idempotent; run it on the developer machine after scripts/bootstrap.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DEBS=(nlohmann-json3-dev libicu-dev libicu72 libpng-dev libpng16-16 zlib1g-dev)
WHEELS=(diffusers==0.42.1 importlib_metadata==8.7.0)

mkdir -p .gpu/debs .gpu/whl
if [ "$(ls .gpu/debs/*.deb 2>/dev/null | wc -l)" -lt "${#DEBS[@]}" ]; then
  (cd .gpu/debs && apt-get download "${DEBS[@]}")
fi
for w in "${WHEELS[@]}"; do
  name="${w%%==*}"
  ls .gpu/whl/"${name}"-*.whl >/dev/null 2>&1 && continue
  .venv/bin/python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 -d .gpu/whl "$w"
done
[ -f .gpu/clip-tokenizer.tar.xz ] || tar -C .cache -cJf .gpu/clip-tokenizer.tar.xz clip-tokenizer/tokenizer clip-tokenizer/tokenizer_2
[ -f .gpu/cutlass.tar.xz ] || tar -C .cache -cJf .gpu/cutlass.tar.xz cutlass
du -sh .gpu
