#!/usr/bin/env python3
"""A full-size LoRA image, diffusers side: the random-weight SDXL-base folder with the kohya LoRA
of make_single_file.py read by diffusers itself (load_lora_weights, set_adapters at WEIGHT,
fuse_lora), one 1024x1024 fp16 image (Euler, 30 steps, seed 0) for the C++ side to compare.

  lora_reference.py MODEL_DIR LORA_FILE WEIGHT OUT_PNG
"""
import os
import sys

import torch
from diffusers import StableDiffusionXLPipeline

model, lora_file, weight, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
os.makedirs(os.path.dirname(out), exist_ok=True)
pipe = StableDiffusionXLPipeline.from_pretrained(model, torch_dtype=torch.float16).to("cuda")
pipe.set_progress_bar_config(disable=True)
pipe.load_lora_weights(lora_file, adapter_name="kohya")
pipe.set_adapters(["kohya"], adapter_weights=[weight])
pipe.fuse_lora(adapter_names=["kohya"])
image = pipe("Astronaut in a jungle, cold color palette, muted colors, detailed, 8k", num_inference_steps=30,
             guidance_scale=5.0, generator=torch.Generator("cpu").manual_seed(0)).images[0]
image.save(out)
print("diffusers lora", out, flush=True)
