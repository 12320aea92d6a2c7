#!/usr/bin/env bash
# Runs on the lent GPU machine (no Qt, no Debian dev packages, no network): builds the core, the
# CLI and the GPU checks with the `gpu` preset, then runs the stages named on the command line.
# Carried along (git-ignored): .gpu/debs (nlohmann-json, ICU, libpng .debs from Debian 12),
# .gpu/shared (../shared/tools and ../shared/reference), .gpu/nvidia_cutlass-*.whl (CUTLASS's headers),
# .whl (the diffusers and transformers wheels).
#   scripts/gpu_run.sh [build] [parity] ...     results go to $OUT
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${OUT:-$ROOT/out}"
mkdir -p "$OUT"
SYSROOT="$ROOT/.gpu/sysroot"
MODEL=/tmp/sdxl-random
log() { printf '[gpu_run %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if [ ! -d "$SYSROOT" ]; then
  for f in .gpu/debs/*.deb; do dpkg -x "$f" "$SYSROOT"; done
fi
export LD_LIBRARY_PATH="$SYSROOT/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
if [ -d .whl ] && ! python3 -c 'import diffusers' 2>/dev/null; then
  python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site .whl/*.whl
  export PYTHONPATH=/tmp/site
fi

build() {
  # CUTLASS's headers for the Hopper kernels, from the nvidia-cutlass wheel carried in .gpu.
  if [ ! -f .cache/cutlass/include/cutlass/cutlass.h ] && ls .gpu/nvidia_cutlass-*.whl >/dev/null 2>&1; then
    python3 scripts/fetch_cutlass.py .cache/cutlass --wheel .gpu/nvidia_cutlass-*.whl
  fi
  log "configure"
  TORCH_CUDA_ARCH_LIST=9.0 cmake --preset gpu -DCMAKE_PREFIX_PATH="$SYSROOT/usr" -DICU_ROOT="$SYSROOT/usr" \
    -DCMAKE_CUDA_ARCHITECTURES=90 > "$OUT/configure.log" 2>&1 || { tail -40 "$OUT/configure.log"; exit 1; }
  log "build"
  cmake --build --preset gpu -j 16 > "$OUT/build.log" 2>&1 || { grep -E 'error|FAILED' -A5 "$OUT/build.log" | head -60; exit 1; }
  log "built"
}

save_model() {
  if [ ! -f "$MODEL/model_index.json" ]; then
    log "saving the random-weight SDXL-base pipeline (diffusers, fp16)"
    python3 .gpu/shared/tools/diffusers_reference.py save "$MODEL" --dtype fp16
  fi
}

parity() {
  save_model
  log "diffusers reference outputs"
  python3 tests/gpu/make_reference.py "$MODEL" /tmp/reference.safetensors
  for dtype in fp32 fp16; do
    log "our outputs, $dtype"
    build-gpu/tests/gpu/sdxl_gpu_component_parity "$MODEL" /tmp/reference.safetensors "$dtype" "$OUT/parity_$dtype.json"
  done
}

# Our configurations, one process each (a crash loses a row, not the table), then diffusers'
# reference rows in the same call, merged into $OUT/bench_<protocol>.json.
#   BENCH_PROTOCOL=seed BENCH_CONFIGS="fp16 fp16_compile" DIFFUSERS_CONFIGS="fp16" gpu_run.sh bench
bench() {
  local protocol="${BENCH_PROTOCOL:-seed}"
  local images="/tmp/bench_images_$protocol"
  mkdir -p /tmp/bench "$images"
  for config in ${DIFFUSERS_CONFIGS:-}; do
    log "diffusers $config"
    local name="$config"; [ "$protocol" = single ] && name="single_$config"
    BUDGET_S=400 python3 .gpu/shared/tools/diffusers_reference.py bench /tmp/bench/reference_$protocol.jsonl "$name" 2>&1 | grep -v Warning | tail -2
  done
  for config in ${BENCH_CONFIGS:-fp16}; do
    log "ours $config"
    build-gpu/app/sdxl-cli bench --protocol "$protocol" --configs "$config" --json "/tmp/bench/${protocol}_$config.json" \
      --images "$images" --commit "${SDXL_COMMIT:-unknown}" 2>&1 | grep -v '^\[bench\]' | tail -3 || true
  done
  # PSNR is against the fp32 row's first image: made in this call, or carried from an earlier
  # call of the same commit as .gpu/fp32_default_attn_<protocol>.png (the fp32 row takes minutes).
  if [ -f "$images/fp32_default_attn.png" ]; then
    cp "$images/fp32_default_attn.png" "$OUT/fp32_default_attn_$protocol.png"
  elif [ -f ".gpu/fp32_default_attn_$protocol.png" ]; then
    cp ".gpu/fp32_default_attn_$protocol.png" "$images/fp32_default_attn.png"
  fi
  python3 tests/gpu/merge_bench.py "$OUT/bench_$protocol.json" "$protocol" "${SDXL_COMMIT:-unknown}" /tmp/bench \
    "$images" /tmp/bench/reference_$protocol.jsonl
}

# Issue 4's full-size check: each scheduler, fp16, 1024x1024, 30 steps, against diffusers (PSNR).
schedulers() {
  save_model
  python3 tests/gpu/scheduler_reference.py "$MODEL" /tmp/sched/diffusers 2>&1 | grep -v Warning | tail -6
  for s in euler euler_a dpmpp_2m dpmpp_2m_karras ddim unipc; do
    rm -rf "/tmp/sched/ours/$s"
    build-gpu/app/sdxl-cli generate --model "$MODEL" --prompt "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k" \
      --steps 30 --guidance 5 --seed 0 --scheduler "$s" --config fp16_vae_fp32 --out "/tmp/sched/ours/$s" 2>&1 | tail -1
  done
  python3 tests/gpu/compare_images.py /tmp/sched "$OUT/schedulers.json"
}

# The fused kernels against ATen (correctness on every dtype/layout, and their times), and the
# compile switch across two prompts.
kernels() {
  build-gpu/tests/gpu/sdxl_gpu_compile_check 2>&1 | grep -v "^\[W" | tail -3
  build-gpu/tests/gpu/sdxl_gpu_fused_ops_check "$OUT/fused_ops.json" > "$OUT/fused_ops.txt" 2>&1 || true
  grep -v '^ok' "$OUT/fused_ops.txt" | head -20
  grep -E '^ok .*fp16.*(c320 128x128|c1280 32x32|c128 512x512)|geglu fp16 8|geglu_linear|concat_channels|upsample_nearest|layernorm fp16 8|linear_add fp16 (32768|8192)|softmax (fp16|bf16) [0-9]+x(4096|1024|16384)' "$OUT/fused_ops.txt" | grep -v 'channel_bias.*nchw n8' | head -90
}

# Where the UNet step's time goes (kernels by kind and name) and its blocks beside alternatives.
profile() {
  build-gpu/tests/gpu/sdxl_gpu_unet_profile "${PROFILE_BATCH:-8}" "${PROFILE_DTYPE:-fp16}" 2>&1 | tee "$OUT/profile.txt" | grep -v "^\[W"
}

# What each kernel setting buys on one configuration (AB_CONFIG, AB_PROTOCOL): the same binary
# with SDXL_FUSED_KERNELS / SDXL_CHANNELS_LAST switched.
ab() {
  local protocol="${AB_PROTOCOL:-seed}" config="${AB_CONFIG:-fp16}"
  for setting in 00 10 11; do
    set -- ${setting:0:1} ${setting:1:1}
    SDXL_FUSED_KERNELS=$1 SDXL_CHANNELS_LAST=$2 build-gpu/app/sdxl-cli bench --protocol "$protocol" --configs "$config" \
      --json "/tmp/ab_$1$2.json" 2>&1 | grep -E "^\| $config" | sed "s/^/fused=$1 channels_last=$2 /"
  done
}

nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "$OUT/device.txt"
for stage in "$@"; do
  log "stage $stage"
  "$stage"
done
