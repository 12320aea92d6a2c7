#!/usr/bin/env bash
# Runs on the lent GPU machine (no Qt, no Debian dev packages, no network): builds the core, the
# CLI and the GPU checks with the `gpu` preset, then runs the stages named on the command line, in
# order, stopping at the first that fails. What it needs from outside is carried in .gpu (made by
# scripts/gpu_carry.sh on the developer machine; name ".gpu" in the device call's carry).
#   scripts/gpu_run.sh build check            every GPU check, "N passed, N failed" last
#   scripts/gpu_run.sh build parity bench ... single stages (see each function)
# The working tree travels without its history: name the commit measured in the command
# (SDXL_COMMIT=abc1234 scripts/gpu_run.sh ...), for the records.
# Results go to $OUT, which brings back at most 8 files: logs are gathered into a few.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${OUT:-$ROOT/out}"
mkdir -p "$OUT"
SYSROOT="$ROOT/.gpu/sysroot"
MODEL=/tmp/sdxl-random
export SDXL_CLIP_TOKENIZER_DIR="$ROOT/.cache/clip-tokenizer"
log() { printf '[gpu_run %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if [ ! -d "$SYSROOT" ]; then
  for f in .gpu/debs/*.deb; do dpkg -x "$f" "$SYSROOT"; done
fi
export LD_LIBRARY_PATH="$SYSROOT/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
[ -f .cache/clip-tokenizer/tokenizer/vocab.json ] || { mkdir -p .cache && tar -C .cache -xJf .gpu/clip-tokenizer.tar.xz; }
[ -f .cache/cutlass/include/cutlass/cutlass.h ] || { [ -f .gpu/cutlass.tar.xz ] && tar -C .cache -xJf .gpu/cutlass.tar.xz; }
if ls .gpu/whl/*.whl >/dev/null 2>&1 && ! python3 -c 'import diffusers' 2>/dev/null; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target /tmp/site .gpu/whl/*.whl
  export PYTHONPATH=/tmp/site
fi

build() {
  log "configure and build (log: build.log)"
  # BUILD_TARGETS="sdxl-cli ...": only those (installing then needs no other target built).
  { TORCH_CUDA_ARCH_LIST=9.0 cmake --preset gpu -DCMAKE_PREFIX_PATH="$SYSROOT/usr" -DICU_ROOT="$SYSROOT/usr" \
      -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY="${BUILD_TARGETS:+ON}" &&
      cmake --build --preset gpu -j 16 ${BUILD_TARGETS:+--target $BUILD_TARGETS}; } > "$OUT/build.log" 2>&1 ||
    { grep -E 'error|FAILED|Error' -A5 "$OUT/build.log" | head -60; exit 1; }
  log "built"
}

save_model() {
  if [ ! -f "$MODEL/model_index.json" ]; then
    log "saving the random-weight SDXL-base pipeline (diffusers, fp16)"
    python3 tests/gpu/diffusers_reference.py save "$MODEL" --dtype fp16 || return 1
  fi
  [ -f /tmp/reference.safetensors ] || python3 tests/gpu/make_reference.py "$MODEL" /tmp/reference.safetensors
}

# Every component at full size against diffusers/transformers, fp32 and fp16; exits non-zero past
# the tolerances stated in tests/gpu/component_parity.cpp. (Inside check's `if`, errexit is off:
# each function returns its own status.)
parity() {
  save_model || return 1
  local rc=0 dtype
  for dtype in fp32 fp16; do
    build-gpu/tests/gpu/sdxl_gpu_component_parity "$MODEL" /tmp/reference.safetensors "$dtype" "$OUT/parity_$dtype.json" || rc=1
  done
  return $rc
}

# The fused kernels against ATen on every dtype and layout (tolerances in fused_ops_check.cpp).
kernels() {
  build-gpu/tests/gpu/sdxl_gpu_fused_ops_check "$OUT/fused_ops.json" > /tmp/fused_ops.txt 2>&1 ||
    { grep -v '^ok' /tmp/fused_ops.txt | head -40; return 1; }
  grep -c '^ok' /tmp/fused_ops.txt | sed 's/$/ kernel cases ok/'
}

# The compile switch across prompts (compile_check.cpp), and cancels inside a pass (cancel_check.cpp).
compile() { build-gpu/tests/gpu/sdxl_gpu_compile_check 2>&1 | grep -v "^\[W"; }
cancel() { build-gpu/tests/gpu/sdxl_gpu_cancel_check 2>&1 | grep -v "^\[W"; }
# A weighted prompt of 300+ tokens with BREAK at full size, compiled and cached against eager (prompt_check.cpp).
prompts() { build-gpu/tests/gpu/sdxl_gpu_prompt_check 2>&1 | grep -v "^\[W"; }

# Real-model loading at full size (load_check.cpp): the same weights as one original-layout file,
# its loading time against the folder's, first step after choosing it, switches, a LoRA each way.
single_file() {
  save_model || return 1
  [ -f /tmp/sdxl-single.safetensors ] || python3 tests/gpu/make_single_file.py "$MODEL" /tmp/sdxl-single.safetensors \
    /tmp/lora-kohya.safetensors 2>&1 | grep -v Warning | tail -2
}
loading() {
  single_file || return 1
  build-gpu/tests/gpu/sdxl_gpu_load_check "$MODEL" /tmp/sdxl-single.safetensors /tmp/lora-kohya.safetensors 2>&1 |
    grep -v "^\[W" | tee "$OUT/loading.txt"
}

# The whole pipeline with each scheduler, fp16, 1024x1024, 30 steps, against diffusers (PSNR;
# thresholds in compare_images.py).
schedulers() {
  save_model || return 1
  python3 tests/gpu/scheduler_reference.py "$MODEL" /tmp/sched/diffusers 2>&1 | grep -v Warning | tail -6 || return 1
  local s
  for s in euler euler_a dpmpp_2m dpmpp_2m_karras ddim unipc; do
    rm -rf "/tmp/sched/ours/$s"
    build-gpu/app/sdxl-cli generate --model "$MODEL" --prompt "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k" \
      --steps 30 --guidance 5 --seed 0 --scheduler "$s" --config fp16_vae_fp32 --out "/tmp/sched/ours/$s" 2>&1 | tail -1 || return 1
  done
  python3 tests/gpu/compare_images.py /tmp/sched "$OUT/schedulers.json"
}

# A kohya LoRA at weight 0.8 at full size, fp16: diffusers' own reading and merge of the file
# (lora_reference.py) against ours (--lora), PSNR as schedulers.
loras() {
  single_file || return 1 # writes the LoRA too
  rm -rf /tmp/lora && python3 tests/gpu/lora_reference.py "$MODEL" /tmp/lora-kohya.safetensors 0.8 /tmp/lora/diffusers/lora.png \
    2>&1 | grep -v Warning | tail -1 || return 1
  build-gpu/app/sdxl-cli generate --model "$MODEL" --prompt "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k" \
    --lora /tmp/lora-kohya.safetensors:0.8 --steps 30 --guidance 5 --seed 0 --config fp16_vae_fp32 --out /tmp/lora/ours/lora \
    2>&1 | tail -1 || return 1
  python3 tests/gpu/compare_images.py /tmp/lora "$OUT/loras.json" lora
}

# img2img and inpainting (base model, only the masked area, a 9-channel inpainting model) at full
# size, fp16, against diffusers' pipelines (modes_reference.py; PSNR as schedulers).
modes() {
  save_model || return 1
  rm -rf /tmp/modes && python3 tests/gpu/modes_reference.py "$MODEL" /tmp/modes /tmp/sdxl-inpaint9 2>&1 | grep -v Warning | tail -4 || return 1
  local mode extra model
  for mode in img2img inpaint inpaint_only_masked inpaint9; do
    model="$MODEL"
    case $mode in
      img2img) extra="" ;;
      inpaint) extra="--mask /tmp/modes/mask.png --mask-blur 0" ;;
      inpaint_only_masked) extra="--mask /tmp/modes/mask.png --mask-blur 0 --only-masked 32" ;;
      inpaint9) extra="--mask /tmp/modes/mask.png --mask-blur 0"; model=/tmp/sdxl-inpaint9 ;;
    esac
    for run in once; do # the timed runs are modes_bench's
      rm -rf "/tmp/modes/ours/$mode"
      build-gpu/app/sdxl-cli generate --model "$model" --prompt "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k" \
        --init-image /tmp/modes/init.png $extra --strength 0.6 --steps 30 --guidance 5 --seed 0 --config fp16_vae_fp32 \
        --out "/tmp/modes/ours/$mode" 2>&1 | grep "total" | sed "s/^/ours $mode $run: /" | tee -a "$OUT/modes_ours.txt" || return 1
    done
  done
  cp /tmp/modes/diffusers.jsonl "$OUT/modes_diffusers.jsonl"
  python3 tests/gpu/compare_images.py /tmp/modes "$OUT/modes.json" img2img inpaint inpaint_only_masked inpaint9
}

# The hires fix at full size (1024 -> 1536, latent upscaler), fp16, against diffusers' parts
# composed as A1111 composes them (hires_reference.py); PSNR as schedulers.
hires() {
  save_model || return 1
  rm -rf /tmp/hires && python3 tests/gpu/hires_reference.py "$MODEL" /tmp/hires 2>&1 | grep -v Warning | tail -1 || return 1
  build-gpu/app/sdxl-cli generate --model "$MODEL" --prompt "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k" \
    --steps 30 --guidance 5 --seed 0 --hires-scale 1.5 --hires-strength 0.55 --config fp16_vae_fp32 --out /tmp/hires/ours/hires \
    2>&1 | grep total | tee "$OUT/hires_ours.txt" || return 1
  cp /tmp/hires/diffusers.jsonl "$OUT/hires_diffusers.jsonl"
  python3 tests/gpu/compare_images.py /tmp/hires "$OUT/hires.json" hires
}

# The refiner at full size (the ensemble: base to 0.8, a random-weight refiner from 0.8), fp16,
# against diffusers' two pipelines (refiner_reference.py); PSNR as schedulers.
refiner() {
  save_model || return 1
  rm -rf /tmp/refiner && python3 tests/gpu/refiner_reference.py "$MODEL" /tmp/sdxl-refiner /tmp/refiner 2>&1 | grep -v Warning | tail -1 || return 1
  for run in once; do # the timed runs are modes_bench's
    rm -rf /tmp/refiner/ours/refiner
    build-gpu/app/sdxl-cli generate --model "$MODEL" --prompt "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k" \
      --refiner /tmp/sdxl-refiner --refiner-start 0.8 --steps 30 --guidance 5 --seed 0 --config fp16_vae_fp32 \
      --out /tmp/refiner/ours/refiner 2>&1 | grep total | sed "s/^/ours refiner $run: /" | tee -a "$OUT/refiner_ours.txt" || return 1
  done
  cp /tmp/refiner/diffusers.jsonl "$OUT/refiner_diffusers.jsonl"
  python3 tests/gpu/compare_images.py /tmp/refiner "$OUT/refiner.json" refiner
}

# The refiner stage under compile (its own CUDA graph) and model offload (one UNet on the GPU at a
# time), each against diffusers' image of the refiner stage (run it first).
refiner_switches() {
  local config name
  for config in fp16_compile_vae_fp32 fp16_model_offload_vae_fp32; do
    name="refiner_$config"
    rm -rf "/tmp/refiner/ours/$name"
    build-gpu/app/sdxl-cli generate --model "$MODEL" --prompt "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k" \
      --refiner /tmp/sdxl-refiner --refiner-start 0.8 --steps 30 --guidance 5 --seed 0 --config "$config" \
      --out "/tmp/refiner/ours/$name" 2>&1 | grep total | sed "s/^/ours $name: /" | tee -a "$OUT/refiner_ours.txt" || return 1
    cp /tmp/refiner/diffusers/refiner.png "/tmp/refiner/diffusers/$name.png"
  done
  python3 tests/gpu/compare_images.py /tmp/refiner "$OUT/refiner_switches.json" refiner_fp16_compile_vae_fp32 refiner_fp16_model_offload_vae_fp32
}

# Each creation mode's latency and memory under the benchmark runner (single protocol: 1 image,
# 1024x1024, 30 steps, seed 0; 2 runs in one process, the second counted), beside diffusers' rows
# that the modes, hires and refiner stages measured in this call: $OUT/bench_modes.{md,json}.
# BENCH_MODES="inpaint9 ..." times some of them only (each needs the stage that makes its inputs).
modes_bench() {
  local mode args configs model
  for mode in ${BENCH_MODES:-txt2img img2img inpaint inpaint9 hires refiner}; do
    configs=fp16_vae_fp32
    model="$MODEL"
    case $mode in
      txt2img) args="" ;;
      img2img) args="--init-image /tmp/modes/init.png --strength 0.6" ;;
      inpaint) args="--init-image /tmp/modes/init.png --mask /tmp/modes/mask.png --mask-blur 0 --strength 0.6" ;;
      inpaint9) args="--init-image /tmp/modes/init.png --mask /tmp/modes/mask.png --mask-blur 0 --strength 0.6"; model=/tmp/sdxl-inpaint9 ;;
      hires) args="--hires-scale 1.5 --hires-strength 0.55" ;;
      refiner) args="--refiner /tmp/sdxl-refiner --refiner-start 0.8"; configs=fp16_vae_fp32,fp16_model_offload_vae_fp32 ;;
    esac
    { echo "### $mode"; build-gpu/app/sdxl-cli bench --model "$model" --protocol single --configs $configs --runs 2 $args \
        --json "/tmp/bench_mode_$mode.json" --commit "${SDXL_COMMIT:-unknown}"; } >> "$OUT/bench_modes.md" || return 1
  done
  cat /tmp/modes/diffusers.jsonl /tmp/hires/diffusers.jsonl /tmp/refiner/diffusers.jsonl > /tmp/bench_modes_diffusers.jsonl 2>/dev/null || true
  python3 - "$OUT/bench_modes.json" <<'PY'
import json, sys
import os
ours = {m: json.load(open(f"/tmp/bench_mode_{m}.json")) for m in ("txt2img", "img2img", "inpaint", "inpaint9", "hires", "refiner")
        if os.path.exists(f"/tmp/bench_mode_{m}.json")}
diffusers = [json.loads(l) for l in open("/tmp/bench_modes_diffusers.jsonl") if l.strip()]
json.dump({"ours": ours, "diffusers": diffusers}, open(sys.argv[1], "w"), indent=1)
PY
}

# Every GPU check, each in its own process, one line each and a count last; all of them run, and
# the stage fails if any did. Their output is gathered in $OUT/check.log.
check() {
  local passed=0 failed=0 name
  for name in kernels compile cancel prompts loading loras parity schedulers modes hires refiner fallbacks; do
    printf '==== %s\n' "$name" >> "$OUT/check.log"
    if ( set -o pipefail; "$name" ) >> "$OUT/check.log" 2>&1; then
      echo "PASS $name"; passed=$((passed + 1))
    else
      echo "FAIL $name (check.log)"; failed=$((failed + 1))
    fi
  done
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# Our configurations, one process each (a crash loses a row, not the table: a benchmark, not a
# check), then diffusers' reference rows in the same call, merged into $OUT/bench_<protocol>.json.
#   BENCH_PROTOCOL=seed BENCH_CONFIGS="fp16 fp16_compile" DIFFUSERS_CONFIGS="fp16" gpu_run.sh bench
bench() {
  local protocol="${BENCH_PROTOCOL:-seed}"
  local images="/tmp/bench_images_$protocol"
  mkdir -p /tmp/bench "$images"
  for config in ${DIFFUSERS_CONFIGS:-}; do
    log "diffusers $config"
    local name="$config"; [ "$protocol" = single ] && name="single_$config"
    BUDGET_S=400 python3 tests/gpu/diffusers_reference.py bench /tmp/bench/reference_$protocol.jsonl "$name" 2>&1 | grep -v Warning | tail -2
  done
  if [ -n "${BENCH_ONE_PROCESS:-}" ]; then # one process: its approximate rows get their error against the exact row
    log "ours ${BENCH_CONFIGS:-fp16}, in one process"
    build-gpu/app/sdxl-cli bench --protocol "$protocol" --configs "$(echo ${BENCH_CONFIGS:-fp16} | tr ' ' ',')" \
      --json "/tmp/bench/${protocol}_together.json" --images "$images" --commit "${SDXL_COMMIT:-unknown}" 2>&1 |
      grep -v '^\[bench\]' | tail -12 || log "ours FAILED (the rows are missing)"
  else
    for config in ${BENCH_CONFIGS:-fp16}; do
      log "ours $config"
      build-gpu/app/sdxl-cli bench --protocol "$protocol" --configs "$config" --json "/tmp/bench/${protocol}_$config.json" \
        --images "$images" --commit "${SDXL_COMMIT:-unknown}" 2>&1 | grep -v '^\[bench\]' | tail -3 ||
        log "ours $config FAILED (its row is missing)"
    done
  fi
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

# The fallbacks on the GPU: a limit lowered between two requests, so that the UNet's weights must
# move while denoising (fallback_check.cpp); hard limits under which a UNet step runs out (and
# frees the text encoders), and under which the model does not load resident (model offload,
# then sequential); each run must complete and say which fallback it took.
fallbacks() {
  local cli=build-gpu/app/sdxl-cli rc=0 case limit config want
  build-gpu/tests/gpu/sdxl_gpu_fallback_check 2>&1 | grep -v "^\[W" || rc=1
  for case in "7.6:fp16_vae_slicing:text encoders freed" "6:fp16:model offload" "2.5:fp16:sequential offload"; do
    IFS=: read -r limit config want <<< "$case"
    $cli generate --model builtin --prompt "a lighthouse" --images 4 --steps 6 --config "$config" --vram-limit "$limit" \
      --out /tmp/fallbacks 2> /tmp/fallbacks.log > /dev/null || { cat /tmp/fallbacks.log | tail -3; rc=1; continue; }
    grep -a -o "memory:.*" /tmp/fallbacks.log
    grep -a -q "memory:.*$want" /tmp/fallbacks.log || { echo "under $limit GiB, $config did not fall back to $want"; rc=1; }
  done
  return $rc
}

# What a card must have (docs/benchmarks.md, "Memory"): each configuration's smallest hard limit
# (bench --fit), some confirmed with a second process holding all of the GPU but N GiB, and the
# budget targets: the planner under --vram-budget against the same configuration without one.
#   MEMORY_FIT=fp16,fp16_compile MEMORY_HOLD="fp16:10.5 fp16:11" MEMORY_BUDGETS="12 8 4 2" gpu_run.sh build memory
memory() {
  local cli=build-gpu/app/sdxl-cli dir=/tmp/memory commit="${SDXL_COMMIT:-unknown}"
  rm -rf "$dir"; mkdir -p "$dir"
  local fit="${MEMORY_FIT-fp16,fp16_compile,fp16_seq_offload,fp16_vae_slicing_seq_offload}"
  if [ -n "$fit" ]; then
    log "smallest limits of $fit"
    $cli bench --protocol seed --runs 1 --configs "$fit" --fit --json "$dir/fit.json" --commit "$commit" 2>&1 |
      grep -v '^\[bench\]' | tee "$OUT/memory.md" || log "a fit row failed"
  fi
  for pair in ${MEMORY_HOLD-}; do
    local config="${pair%%:*}" gib="${pair##*:}"
    rm -f "$dir/ready"
    python3 tests/gpu/hold_memory.py "$gib" "$dir/ready" & local holder=$!
    for _ in $(seq 120); do [ -f "$dir/ready" ] && break; sleep 0.5; done
    log "second process holds all but $gib GiB: $(cat "$dir/ready" 2>/dev/null)"
    $cli bench --protocol seed --runs 1 --configs "$config" --no-fallbacks --json "$dir/hold_${config}_$gib.json" --commit "$commit" \
      2>&1 | grep "^| $config" | cut -c1-160 | sed "s/^/held to $gib GiB: /" | tee -a "$OUT/memory.md" || true
    kill "$holder"; wait "$holder" 2>/dev/null || true
  done
  for budget in ${MEMORY_BUDGETS-12 8 4 2}; do
    log "seed protocol under a budget of $budget GiB"
    $cli bench --protocol seed --runs 2 --configs "${MEMORY_BUDGET_CONFIG:-fp16}" --vram-budget "$budget" \
      --json "$dir/budget_$budget.json" --commit "$commit" 2>&1 | grep -v '^\[bench\]' | tee -a "$OUT/memory.md" || true
  done
  for budget in ${MEMORY_SINGLE_BUDGETS-1.5}; do
    log "single protocol under a budget of $budget GiB"
    $cli bench --protocol single --runs 2 --configs fp16 --vram-budget "$budget" --json "$dir/single_budget_$budget.json" \
      --commit "$commit" 2>&1 | grep -v '^\[bench\]' | tee -a "$OUT/memory.md" || true
  done
  if [ -n "${MEMORY_LIMIT_CONFIGS:-}" ]; then
    log "under a hard limit of ${MEMORY_LIMIT:-8} GiB, fallbacks on: $MEMORY_LIMIT_CONFIGS"
    $cli bench --protocol seed --runs 2 --configs "$MEMORY_LIMIT_CONFIGS" --vram-limit "${MEMORY_LIMIT:-8}" \
      --json "$dir/limit.json" --commit "$commit" 2>&1 | grep -v '^\[bench\]' | tee -a "$OUT/memory.md" || true
  fi
  for protocol in ${MEMORY_REFERENCE-seed:fp16,fp16_compile single:fp16}; do
    log "without a limit: $protocol"
    $cli bench --protocol "${protocol%%:*}" --runs 2 --configs "${protocol##*:}" --json "$dir/reference_${protocol%%:*}.json" \
      --commit "$commit" 2>&1 | grep -v '^\[bench\]' | tee -a "$OUT/memory.md" || true
  done
  python3 - "$dir" "$OUT/memory.json" <<'PY'
import json, pathlib, sys
runs = {p.stem: json.loads(p.read_text()) for p in sorted(pathlib.Path(sys.argv[1]).glob("*.json"))}
json.dump(runs, open(sys.argv[2], "w"), indent=1)
PY
}

# The approximate switches (FP8 products, step cache, guidance cut-off): each alone and together,
# their error against the exact run at a step and at the end, compiled against eager
# (approximate_check.cpp); then their speed in the single protocol beside the exact rows and
# diffusers' fp16 row of the same call: $OUT/approximate.{txt,json}, $OUT/bench_single.json.
approximate() {
  build-gpu/tests/gpu/sdxl_gpu_approximate_check "$OUT/approximate.json" 2>&1 | grep -v "^\[W" | tee "$OUT/approximate.txt"
}
# The approximate switches' speed beside the exact row, in one process, so that each row's JSON
# also carries its final latents' error against fp16_compile (latents_error_vs_exact).
approximate_bench() {
  BENCH_ONE_PROCESS=1 BENCH_PROTOCOL=single DIFFUSERS_CONFIGS="${DIFFUSERS_CONFIGS-fp16}" BENCH_CONFIGS="${BENCH_CONFIGS:-fp16_compile \
    fp16_compile_fp8 fp16_compile_step_cache_2 fp16_compile_step_cache_3 fp16_compile_guidance_cutoff_0.6 \
    fp16_compile_step_cache_3_guidance_cutoff_0.6 fp16_compile_fp8_step_cache_3_guidance_cutoff_0.6}" bench
}

# An X/Y/Z grid on the GPU for the studio to open (README screenshot): configurations across, sizes
# down, each cell made twice and the second kept. The images are shrunk to 256 pixels for the
# repository (the grid shows 192); $OUT/grid.tar holds grid.json, them and the CLI's output.
# GRID_X / GRID_Y change the axes.
grid() {
  rm -rf /tmp/grid
  build-gpu/app/sdxl-cli grid --model builtin --prompt "a lighthouse in a storm, oil painting" --steps 30 --runs 2 \
    --x "${GRID_X:-configuration=fp16,fp16_compile,fp16_compile_step_cache_3,fp16_compile_guidance_cutoff_0.6,fp16_seq_offload}" \
    --y "${GRID_Y:-size=768x768,1024x1024}" --commit "${SDXL_COMMIT:-unknown}" --out /tmp/grid 2>&1 | grep -v "^\[W" |
    tee /tmp/grid.txt
  python3 - <<'PY' || log "images kept at full size (no Pillow)"
import glob
from PIL import Image
for f in glob.glob("/tmp/grid/grid-*.png"):
    im = Image.open(f)
    info = {k: v for k, v in im.info.items() if isinstance(v, str)}
    from PIL.PngImagePlugin import PngInfo
    meta = PngInfo()
    for k, v in info.items():
        meta.add_itxt(k, v)
    im.thumbnail((256, 256))
    im.save(f, pnginfo=meta)
PY
  cp /tmp/grid.txt /tmp/grid/cli_output.txt
  tar -C /tmp -cf "$OUT/grid.tar" grid
  [ "$(grep -c '"seconds"' /tmp/grid/grid.json)" -gt 0 ] && ! grep -q '"error"' /tmp/grid/grid.json
}

# The first image from a cold start: the CLI started afresh with the random-weight SDXL-base saved
# as a diffusers fp16 folder, 1 image, 1024x1024, 30 steps, fp16 + SDPA, timed from the process's
# start to the PNG on disk; twice, the second with the checkpoint in the page cache (a person's
# second start of the day). $OUT/first_image.txt.
first_image() {
  save_model || return 1
  local run start
  for run in cold cached; do
    [ "$run" = cold ] && sync && { echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || log "page cache not dropped (not root)"; }
    start=$EPOCHREALTIME
    build-gpu/app/sdxl-cli generate --model "$MODEL" --prompt "a lighthouse at dawn" --out /tmp/first_image 2>&1 |
      grep -v "^\[W" | tail -2 | tee -a "$OUT/first_image.txt"
    echo "$run: $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $start }") s from start to the PNG" | tee -a "$OUT/first_image.txt"
  done
  start=$EPOCHREALTIME # what starting the process and CUDA alone costs
  build-gpu/app/sdxl-cli --version > /dev/null 2>&1
  echo "process start and CUDA: $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $start }") s (--version)" | tee -a "$OUT/first_image.txt"
}

# The CLI-only CUDA tarball made from this build with the packaging rules (packaging/CMakeLists.txt),
# unpacked into a fresh folder and run from there with a bare environment (no LD_LIBRARY_PATH, no
# Python): --version and an image at full size. Which of its libraries a run loads is
# read with the loader's own trace. Sizes and output: $OUT/package.txt.
package() {
  local dir=/tmp/unpacked run
  if [ -z "${PACKAGE_REUSE:-}" ] || ! ls build-gpu/sdxl-studio_*amd64-cuda-cli.tar.gz >/dev/null 2>&1; then
    (cd build-gpu && rm -f sdxl-studio_*.tar.gz && cpack -G TGZ > /tmp/cpack.log 2>&1) || { tail -20 /tmp/cpack.log; return 1; }
  fi
  local tgz
  tgz=$(ls build-gpu/sdxl-studio_*amd64-cuda-cli.tar.gz)
  rm -rf "$dir" && mkdir -p "$dir/home" && tar -C "$dir" -xzf "$tgz"
  local root cli
  root=$(ls -d "$dir"/sdxl-studio_*)
  cli=$(find "$root" -type f -name sdxl-cli -path "*/bin/*" | head -1)
  run() { env -i PATH=/usr/bin:/bin HOME="$dir/home" "$@"; }
  {
    echo "tarball: $(du -h "$tgz" | cut -f1) $(basename "$tgz"); unpacked: $(du -sh "$root" | cut -f1)"
    du -sh "$(dirname "$cli")"/../lib/sdxl-studio/* | sort -h | tail -12
    run "$cli" --version
    run "$cli" generate --model builtin --prompt "a lighthouse in a storm" --steps 30 --out "$dir/out" 2>&1 | tail -2
    ls -l "$dir/out"
    echo "libraries a compiled run loads (of $(ls "$(dirname "$cli")/../lib/sdxl-studio" | wc -l) carried):"
    run LD_DEBUG=libs LD_DEBUG_OUTPUT=/tmp/ld "$cli" generate --model builtin --prompt "x" --steps 4 \
      --config fp16_compile --out "$dir/out2" > /dev/null 2>&1
    grep -h "calling init:" /tmp/ld.* | sed 's/.*calling init: //' | sort -u | grep "$root" | xargs -n1 basename
    echo "carried, never loaded:"
    comm -23 <(ls "$(dirname "$cli")/../lib/sdxl-studio" | sort) \
      <(grep -h "calling init:" /tmp/ld.* | sed 's/.*calling init: //' | xargs -n1 basename | sort -u)
  } 2>&1 | tee "$OUT/package.txt"
  [ -f "$dir/out/sdxl-00001.png" ]
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

nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
for stage in "$@"; do
  log "stage $stage"
  "$stage"
done
