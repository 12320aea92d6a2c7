#!/usr/bin/env bash
# sdxl-cli's contract with scripts: exit codes, outputs, never overwriting. Usage: cli_test.sh SDXL_CLI TMPDIR
set -u
CLI="$1"; TMP="$2"; rm -rf "$TMP"; mkdir -p "$TMP"
failures=0
expect() { # expect CODE DESCRIPTION -- command...
  local want="$1" what="$2"; shift 3
  "$@" > "$TMP/out.txt" 2> "$TMP/err.txt"; local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $what: exit $got, expected $want"; cat "$TMP/err.txt"; failures=$((failures + 1))
  else
    echo "ok: $what"
  fi
}
expect 0 "--help" -- "$CLI" --help
expect 2 "no command" -- "$CLI"
expect 2 "unknown command" -- "$CLI" frobnicate
expect 0 "--version" -- "$CLI" --version
grep -q "LibTorch" "$TMP/out.txt" || { echo "FAIL: --version names no LibTorch"; failures=$((failures + 1)); }
grep -q -E "^(CUDA [0-9]|CPU only: .*(CPU-only build|NVIDIA))" "$TMP/out.txt" || { echo "FAIL: --version does not say the device, or why the CPU"; failures=$((failures + 1)); }
no_driver=0; grep -q "CPU only: No NVIDIA driver" "$TMP/out.txt" && no_driver=1
expect 0 "generate --help documents every option" -- "$CLI" generate --help
for opt in --model --prompt --negative --size --steps --guidance --seed --images --scheduler --out; do
  grep -q -- "$opt" "$TMP/out.txt" || { echo "FAIL: generate --help lacks $opt"; failures=$((failures + 1)); }
done
expect 2 "unknown option" -- "$CLI" generate --model builtin:tiny --prompt x --out "$TMP/a" --frob 1
expect 2 "missing --prompt" -- "$CLI" generate --model builtin:tiny --out "$TMP/a"
expect 2 "impossible size" -- "$CLI" generate --model builtin:tiny --prompt x --size 100x100 --out "$TMP/a"
expect 2 "unknown scheduler" -- "$CLI" generate --model builtin:tiny --prompt x --scheduler nope --out "$TMP/a"
expect 1 "missing model folder" -- "$CLI" generate --model "$TMP/nothing" --prompt x --size 64x64 --out "$TMP/a"
grep -q "model_index.json" "$TMP/err.txt" || { echo "FAIL: missing folder error does not say what is missing"; failures=$((failures + 1)); }
expect 0 "generate with the built-in tiny model" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 3 --images 2 --out "$TMP/gen"
[ "$(ls "$TMP/gen" | wc -l)" = 2 ] || { echo "FAIL: expected 2 images"; failures=$((failures + 1)); }
# A CUDA build without a driver (this machine, CI) says why it runs on the CPU, once, and runs there.
if [ "$no_driver" = 1 ]; then
  [ "$(grep -c "^note: No NVIDIA driver is installed" "$TMP/err.txt")" = 1 ] || { echo "FAIL: generate did not say once why the CPU"; failures=$((failures + 1)); }
fi
expect 0 "a second run does not overwrite" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 3 --out "$TMP/gen"
[ -f "$TMP/gen/sdxl-00003.png" ] || { echo "FAIL: the third image did not get a new name"; failures=$((failures + 1)); }
grep -a -q "Steps: 3, Sampler: Euler" "$TMP/gen/sdxl-00001.png" || { echo "FAIL: no parameters chunk"; failures=$((failures + 1)); }
expect 0 "generate with switches named as in bench" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 2 --images 2 --config fp32_vae_slicing_cached_embeds --device cpu --out "$TMP/cfg"
grep -a -q '"vae_slicing":true' "$TMP/cfg/sdxl-00001.png" || { echo "FAIL: --config did not reach the request"; failures=$((failures + 1)); }
expect 2 "a budget that is not GiB" -- "$CLI" generate --model builtin:tiny --prompt x --vram-budget 8GB --out "$TMP/a"
expect 2 "a limit beside a budget" -- "$CLI" generate --model builtin:tiny --prompt x --vram-budget 1 --vram-limit 1 --out "$TMP/a"
expect 0 "generate under a memory budget" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 2 --device cpu --precision fp32 --vram-budget 1 --out "$TMP/budget"
grep -q "memory: memory budget 1.00 GiB" "$TMP/err.txt" || { echo "FAIL: the plan was not said"; failures=$((failures + 1)); }
grep -a -q '"memory_budget":"1"' "$TMP/budget/sdxl-00001.png" || { echo "FAIL: the budget is not in the PNG"; failures=$((failures + 1)); }
expect 1 "a budget nothing fits in names the least" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 2 --device cpu --precision fp32 --vram-budget 0.01 --out "$TMP/budget"
grep -q "at the least" "$TMP/err.txt" || { echo "FAIL: the refusal names no budget"; failures=$((failures + 1)); }
expect 0 "bench --fit finds a smallest limit" -- "$CLI" bench --model builtin:tiny --device cpu --protocol single --configs fp32 --size 64x64 --steps 2 --runs 1 --fit --fit-step 0.001 --json "$TMP/fit.json"
grep -q '"smallest_limit_gb"' "$TMP/fit.json" && grep -q "smallest limit (GiB)" "$TMP/out.txt" || { echo "FAIL: no smallest limit"; failures=$((failures + 1)); }
expect 2 "an unknown switch word" -- "$CLI" generate --model builtin:tiny --prompt x --config fp16_turbo --out "$TMP/a"
expect 2 "--config with --precision" -- "$CLI" generate --model builtin:tiny --prompt x --config fp32 --precision fp16 --out "$TMP/a"
expect 2 "a prompt that is not UTF-8 is refused before any work" -- "$CLI" generate --model builtin:tiny --prompt $'cat \xff\xfe' --size 64x64 --steps 2 --out "$TMP/utf8"
grep -q "UTF-8" "$TMP/err.txt" || { echo "FAIL: the refusal does not say UTF-8"; failures=$((failures + 1)); }
[ ! -e "$TMP/utf8" ] || [ -z "$(ls "$TMP/utf8")" ] || { echo "FAIL: images written for a refused prompt"; failures=$((failures + 1)); }
expect 0 "the largest 64-bit seed" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 2 --seed 18446744073709551615 --out "$TMP/seed"
grep -a -q '"seed":18446744073709551615' "$TMP/seed/sdxl-00001.png" || { echo "FAIL: the seed did not reach the metadata whole"; failures=$((failures + 1)); }
grep -a -q 'Seed: 18446744073709551615,' "$TMP/seed/sdxl-00001.png" || { echo "FAIL: the parameters chunk has another seed"; failures=$((failures + 1)); }
expect 2 "a negative seed" -- "$CLI" generate --model builtin:tiny --prompt x --seed -1 --out "$TMP/a"
expect 2 "a seed past 64 bits" -- "$CLI" generate --model builtin:tiny --prompt x --seed 18446744073709551616 --out "$TMP/a"
expect 0 "an empty negative prompt encoded as text" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 2 --empty-negative encode --out "$TMP/neg"
grep -a -q '"empty_negative_prompt":"encoded"' "$TMP/neg/sdxl-00001.png" || { echo "FAIL: the metadata does not say the empty negative was encoded"; failures=$((failures + 1)); }
expect 2 "--empty-negative with another word" -- "$CLI" generate --model builtin:tiny --prompt x --empty-negative none --out "$TMP/a"
expect 0 "clip skip, emphasis and seed mode reach the metadata" -- "$CLI" generate --model builtin:tiny --prompt "a (red:1.3) cat" --size 64x64 --steps 2 --images 2 --clip-skip 2 --emphasis comfy --seed-mode batch --out "$TMP/text"
grep -a -q '"clip_skip":2' "$TMP/text/sdxl-00001.png" && grep -a -q '"emphasis":"comfy"' "$TMP/text/sdxl-00001.png" &&
  grep -a -q '"seed_mode":"batch"' "$TMP/text/sdxl-00001.png" || { echo "FAIL: the text options are not in the metadata"; failures=$((failures + 1)); }
expect 2 "an unknown emphasis" -- "$CLI" generate --model builtin:tiny --prompt x --emphasis loud --out "$TMP/a"
expect 2 "an unknown seed mode" -- "$CLI" generate --model builtin:tiny --prompt x --seed-mode random --out "$TMP/a"
expect 2 "clip skip 0" -- "$CLI" generate --model builtin:tiny --prompt x --clip-skip 0 --out "$TMP/a"
expect 0 "tokenize shows weights, tags and chunks" -- "$CLI" tokenize --prompt "<lora:grain:0.8> a (red:1.3) cat BREAK a dog"
grep -q "1.3	\"red\"" "$TMP/out.txt" && grep -q "tag: lora \"grain\" text 0.8" "$TMP/out.txt" && grep -q "in 2 chunk(s)" "$TMP/out.txt" ||
  { echo "FAIL: tokenize did not show the weight, the tag and two chunks"; cat "$TMP/out.txt"; failures=$((failures + 1)); }
printf 'PK\003\004 not really a zip' > "$TMP/model.safetensors"
expect 1 "a pickle named .safetensors is refused as a pickle" -- "$CLI" generate --model "$TMP/model.safetensors" --prompt x --size 64x64 --out "$TMP/a"
grep -q "pickle" "$TMP/err.txt" || { echo "FAIL: the refusal does not say pickle"; failures=$((failures + 1)); }
printf 'x' > "$TMP/model.ckpt"
expect 1 "a .ckpt is refused" -- "$CLI" inspect --model "$TMP/model.ckpt"
grep -q "pickle" "$TMP/out.txt" || { echo "FAIL: inspect does not say pickle"; cat "$TMP/out.txt"; failures=$((failures + 1)); }
expect 1 "--lora of a file that is not there" -- "$CLI" generate --model builtin:tiny --prompt x --size 64x64 --steps 1 --lora "$TMP/none.safetensors:0.7" --out "$TMP/a"
grep -q "none.safetensors" "$TMP/err.txt" || { echo "FAIL: the LoRA error does not name the file"; failures=$((failures + 1)); }
expect 2 "a <lora:...> tag with no LoRA folder" -- "$CLI" generate --model builtin:tiny --prompt "a cat <lora:x:1>" --size 64x64 --steps 1 --out "$TMP/a"
expect 1 "inspect an empty folder" -- "$CLI" inspect --model "$TMP"
grep -q "usable: no" "$TMP/out.txt" || { echo "FAIL: inspect does not say unusable"; failures=$((failures + 1)); }
# img2img and inpainting from images the CLI made itself (any PNG with light pixels is a mask).
expect 0 "an image to start from" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 2 --out "$TMP/init"
expect 0 "a mask of another size" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x48 --steps 1 --out "$TMP/mask48"
INIT="$(ls "$TMP"/init/*.png | head -1)"; OTHER="$(ls "$TMP"/mask48/*.png | head -1)"
expect 0 "img2img" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --init-image "$INIT" --strength 0.5 --steps 4 --out "$TMP/i2i"
grep -aq "Denoising strength: 0.5, Init image hash: " "$TMP"/i2i/*.png || { echo "FAIL: img2img metadata lacks the strength"; failures=$((failures + 1)); }
expect 0 "inpainting" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --init-image "$INIT" --mask "$INIT" --steps 4 --out "$TMP/inp"
grep -aq "Mask hash: " "$TMP"/inp/*.png || { echo "FAIL: inpainting metadata lacks the mask"; failures=$((failures + 1)); }
expect 0 "an init image fitted to --size" -- "$CLI" generate --model builtin:tiny --prompt x --init-image "$OTHER" --size 64x64 --resize-mode resize --steps 2 --out "$TMP/fit"
expect 2 "--mask without --init-image" -- "$CLI" generate --model builtin:tiny --prompt x --mask "$INIT" --out "$TMP/a"
expect 2 "a strength past 1" -- "$CLI" generate --model builtin:tiny --prompt x --init-image "$INIT" --strength 1.5 --out "$TMP/a"
expect 2 "an unknown --resize-mode" -- "$CLI" generate --model builtin:tiny --prompt x --init-image "$INIT" --resize-mode squash --out "$TMP/a"
expect 2 "a mask of another size than its image" -- "$CLI" generate --model builtin:tiny --prompt x --init-image "$INIT" --mask "$OTHER" --out "$TMP/a"
grep -q "must be its image's size" "$TMP/err.txt" || { echo "FAIL: the mask size error does not say so"; cat "$TMP/err.txt"; failures=$((failures + 1)); }
printf 'not a png' > "$TMP/junk.png"
expect 1 "an init image that is not a PNG" -- "$CLI" generate --model builtin:tiny --prompt x --init-image "$TMP/junk.png" --out "$TMP/a"
grep -q "junk.png" "$TMP/err.txt" || { echo "FAIL: the unreadable image is not named"; cat "$TMP/err.txt"; failures=$((failures + 1)); }
expect 0 "hires fix" -- "$CLI" generate --model builtin:tiny --prompt "a cat" --size 64x64 --steps 3 --hires-scale 1.5 --hires-upscaler lanczos --out "$TMP/hires"
grep -aq "Hires upscale: 1.5, Hires upscaler: Lanczos" "$TMP"/hires/*.png || { echo "FAIL: the hires fix is not in the metadata"; failures=$((failures + 1)); }
expect 2 "--hires-strength without --hires-scale" -- "$CLI" generate --model builtin:tiny --prompt x --hires-strength 0.5 --out "$TMP/a"
expect 2 "an unknown hires upscaler" -- "$CLI" generate --model builtin:tiny --prompt x --hires-scale 2 --hires-upscaler esrgan --out "$TMP/a"
expect 2 "a hires fix past 4096 pixels" -- "$CLI" generate --model builtin:tiny --prompt x --size 2048x2048 --hires-scale 2.5 --out "$TMP/a"
grep -q "past 4096" "$TMP/err.txt" || { echo "FAIL: the hires size error does not say why"; failures=$((failures + 1)); }
expect 2 "--refiner-start without --refiner" -- "$CLI" generate --model builtin:tiny --prompt x --refiner-start 0.7 --out "$TMP/a"
expect 2 "a refiner that is not a refiner" -- "$CLI" generate --model builtin:tiny --prompt x --steps 2 --refiner builtin:tiny --out "$TMP/a"
grep -q "is not a refiner" "$TMP/err.txt" || { echo "FAIL: a base model as the refiner is not refused in words"; cat "$TMP/err.txt"; failures=$((failures + 1)); }
expect 2 "a refiner switch point of 1" -- "$CLI" generate --model builtin:tiny --prompt x --refiner builtin:tiny --refiner-start 1 --out "$TMP/a"
expect 2 "--mask-blur without --mask" -- "$CLI" generate --model builtin:tiny --prompt x --mask-blur 2 --out "$TMP/a"
# The headless grid: JSON and images in the format the studio's grid view opens (tests/ui/test_studio.cpp).
expect 0 "grid over seeds and configurations" -- "$CLI" grid --model builtin:tiny --prompt "a cat" --size 64x64 --steps 2 --device cpu --x seed=1-2 --y configuration=fp32,bf16 --out "$TMP/grid"
[ -f "$TMP/grid/grid.json" ] && [ "$(ls "$TMP"/grid/grid-*.png | wc -l)" = 4 ] || { echo "FAIL: the grid did not write its JSON and 4 images"; ls "$TMP/grid"; failures=$((failures + 1)); }
[ "$(grep -c '"seconds"' "$TMP/grid/grid.json")" = 4 ] && grep -q '"peak_allocated_gb"' "$TMP/grid/grid.json" || { echo "FAIL: the grid's cells lack their time or memory"; failures=$((failures + 1)); }
grep -aq "Seed: 2" "$TMP/grid/grid-002.png" || { echo "FAIL: a cell's image does not carry its parameters"; failures=$((failures + 1)); }
expect 2 "a grid does not overwrite grid.json" -- "$CLI" grid --model builtin:tiny --prompt x --size 64x64 --x seed=1 --out "$TMP/grid"
expect 2 "an unknown grid axis" -- "$CLI" grid --model builtin:tiny --prompt x --x color=red --out "$TMP/grid2"
grep -q "AXIS=VALUES" "$TMP/err.txt" || { echo "FAIL: an unknown axis is not explained"; failures=$((failures + 1)); }
expect 2 "a grid value that cannot be used" -- "$CLI" grid --model builtin:tiny --prompt x --x steps=0 --out "$TMP/grid2"
echo "cli checks failed: $failures"
exit $((failures > 0))
