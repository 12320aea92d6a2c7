#!/usr/bin/env python3
"""Full-size hires fix, diffusers side, as A1111 composes it from diffusers' parts: txt2img at
1024x1024 (fp16, Euler, 30 steps, seed 0), its latents enlarged 1.5 times by F.interpolate
(bilinear, A1111's "Latent"), then StableDiffusionXLImg2ImgPipeline at 1536x1536 (strength 0.55,
30 steps, seed 0 drawn afresh). One PNG for the C++ side, and the two passes' time as JSON.

  hires_reference.py MODEL_DIR OUT_DIR
"""
import json
import os
import sys
import time

import torch
import torch.nn.functional as F
from diffusers import StableDiffusionXLImg2ImgPipeline, StableDiffusionXLPipeline

model, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "diffusers"), exist_ok=True)
PROMPT = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k"
txt = StableDiffusionXLPipeline.from_pretrained(model, torch_dtype=torch.float16).to("cuda")
i2i = StableDiffusionXLImg2ImgPipeline(**txt.components)
for p in (txt, i2i):
    p.set_progress_bar_config(disable=True)
for run in range(2):  # the first warms up
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    latents = txt(PROMPT, num_inference_steps=30, guidance_scale=5.0, generator=torch.Generator("cpu").manual_seed(0),
                  output_type="latent").images
    up = F.interpolate(latents, size=(192, 192), mode="bilinear")
    image = i2i(PROMPT, image=up, strength=0.55, num_inference_steps=30, guidance_scale=5.0,
                generator=torch.Generator("cpu").manual_seed(0)).images[0]
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
image.save(os.path.join(out, "diffusers", "hires.png"))
row = dict(tool="diffusers", mode="hires", seconds=round(seconds, 3),
           peak_allocated_gib=round(torch.cuda.max_memory_allocated() / 2**30, 2),
           peak_reserved_gib=round(torch.cuda.max_memory_reserved() / 2**30, 2))
print(json.dumps(row), flush=True)
with open(os.path.join(out, "diffusers.jsonl"), "a") as f:
    f.write(json.dumps(row) + "\n")
