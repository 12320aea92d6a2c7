#!/usr/bin/env python3
"""Counts the floating-point work of one SDXL UNet step by kind (linear layers, convolutions,
attention), with diffusers' UNet on PyTorch's meta device: no weights, no GPU, seconds on a CPU.
docs/benchmarks.md divides these by a profile's kernel times to get each kind's rate.
    .venv/bin/python scripts/unet_flops.py [BATCH] [LATENT_SIZE]   (default 8 128: the seed protocol)"""
import json
import pathlib
import sys

import torch
from diffusers import UNet2DConditionModel
from torch.utils.flop_counter import FlopCounterMode

batch = int(sys.argv[1]) if len(sys.argv) > 1 else 8
size = int(sys.argv[2]) if len(sys.argv) > 2 else 128
config = json.loads((pathlib.Path(__file__).parent.parent / "resources/models/sdxl-base/unet/config.json").read_text())
with torch.device("meta"):
    unet = UNet2DConditionModel.from_config(config).half()
    sample = torch.empty(batch, 4, size, size, dtype=torch.half)
    context = torch.empty(batch, 77, 2048, dtype=torch.half)
    added = {"text_embeds": torch.empty(batch, 1280, dtype=torch.half), "time_ids": torch.empty(batch, 6, dtype=torch.half)}
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        unet(sample, torch.full((batch,), 500.0), context, added_cond_kwargs=added)
kinds = {"linear": ("addmm", "mm"), "convolution": ("convolution",), "attention": ("bmm", "_scaled_dot_product")}
counts = {str(op).split(".")[-1]: n for op, n in counter.get_flop_counts()["Global"].items()}
print(f"UNet step, batch {batch}, {size}x{size} latents: {counter.get_total_flops() / 1e12:.2f} TFLOP")
for kind, ops in kinds.items():
    total = sum(n for op, n in counts.items() if op.startswith(ops))
    print(f"  {kind:12s} {total / 1e12:6.2f} TFLOP")
