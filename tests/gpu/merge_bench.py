#!/usr/bin/env python3
"""Merges per-configuration `sdxl-cli bench --json` files into one benchmark record
(docs/benchmarks/ format), adds diffusers' rows from the same device call, and computes each
row's PSNR against the fp32 row's first image (same seed).

  merge_bench.py OUT.json PROTOCOL COMMIT BENCH_DIR IMAGES_DIR [REFERENCE.jsonl]
"""
import glob
import json
import math
import os
import sys

import numpy as np
from PIL import Image

out, protocol, commit, bench_dir, images_dir = sys.argv[1:6]
reference_path = sys.argv[6] if len(sys.argv) > 6 else None
rows, meta = [], {}
for path in sorted(glob.glob(os.path.join(bench_dir, f"{protocol}_*.json"))):
    with open(path) as f:
        record = json.load(f)
    meta = {k: record[k] for k in ("device", "date", "model", "software")}
    rows.extend(record["rows"])
reference = []
if reference_path and os.path.exists(reference_path):
    with open(reference_path) as f:
        reference = [json.loads(line) for line in f if line.strip()]


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return 999.0 if mse == 0 else 10 * math.log10(255 ** 2 / mse)


# Against fp32 (what the issue asks for; with random weights any precision change sends the
# 50-step trajectory elsewhere, so this is low for every half-precision row), and against the
# plain row of the same precision (what each switch itself changes).
for column, base_config in (("psnr_vs_fp32_db", "fp32_default_attn"), ("psnr_vs_same_precision_db", None)):
    for row in rows:
        img = os.path.join(images_dir, row["config"] + ".png")
        base_name = base_config or row["config"].split("_")[0]
        base = os.path.join(images_dir, base_name + ".png")
        if "error" in row or not os.path.exists(img) or not os.path.exists(base) or base_name == row["config"]:
            continue
        row[column] = round(psnr(np.array(Image.open(img)), np.array(Image.open(base))), 2)
record = dict(device=meta.get("device"), date=meta.get("date"), commit=commit, protocol=protocol,
              model=meta.get("model"), software=meta.get("software"), reference=reference, rows=rows)
with open(out, "w") as f:
    json.dump(record, f, indent=1)
ref = {r["config"]: r for r in reference}
print(f"| config | ours (s) | ours peak (GB) | diffusers (s) | diffusers peak (GB) | first step (s) | PSNR vs fp32 | PSNR vs same precision | latents' error vs exact |")
for r in rows:
    d = ref.get(r["config"], {})
    if "error" in r:
        print(f"| {r['config']} | FAILED {r['error'][:150]} |")
        continue
    print(f"| {r['config']} | {r['latency_s']:.2f} | {r['peak_allocated_gb']:.2f} | {d.get('latency_s', '')} | "
          f"{d.get('peak_allocated_gb', '')} | {r['first_step_s']:.2f} | {r.get('psnr_vs_fp32_db', '')} | "
          f"{r.get('psnr_vs_same_precision_db', '')} | {r.get('latents_error_vs_exact', '')} |")
