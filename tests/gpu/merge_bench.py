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


base = os.path.join(images_dir, "fp32_default_attn.png")
if os.path.exists(base):
    ref_img = np.array(Image.open(base))
    for row in rows:
        img = os.path.join(images_dir, row["config"] + ".png")
        if "error" not in row and os.path.exists(img):
            row["psnr_vs_fp32_db"] = round(psnr(np.array(Image.open(img)), ref_img), 2)
record = dict(device=meta.get("device"), date=meta.get("date"), commit=commit, protocol=protocol,
              model=meta.get("model"), software=meta.get("software"), reference=reference, rows=rows)
with open(out, "w") as f:
    json.dump(record, f, indent=1)
ref = {r["config"]: r for r in reference}
print(f"| config | ours (s) | ours peak (GB) | diffusers (s) | diffusers peak (GB) | first step (s) | PSNR vs fp32 |")
for r in rows:
    d = ref.get(r["config"], {})
    if "error" in r:
        print(f"| {r['config']} | FAILED {r['error'][:150]} |")
        continue
    print(f"| {r['config']} | {r['latency_s']:.2f} | {r['peak_allocated_gb']:.2f} | {d.get('latency_s', '')} | "
          f"{d.get('peak_allocated_gb', '')} | {r['first_step_s']:.2f} | {r.get('psnr_vs_fp32_db', '')} |")
