#!/usr/bin/env python3
"""Full-size img2img and inpainting, diffusers side: a 1024x1024 init image and mask, then
StableDiffusionXLImg2ImgPipeline and StableDiffusionXLInpaintPipeline, the latter also with
padding_mask_crop=32 (A1111's "Only masked") (fp16, Euler, 30 steps,
seed 0) on the random-weight SDXL-base folder; PNGs for the C++ side to compare, and each
pipeline's time (second of two runs) and peak memory as JSON lines.

  modes_reference.py MODEL_DIR OUT_DIR [INPAINT9_DIR]

With INPAINT9_DIR, an inpainting model too: the base folder with a seeded random 9-channel UNet
(saved there in diffusers' format, fp16, for the C++ side), through the same inpainting pipeline.
"""
import json
import os
import sys
import time

import numpy as np
import torch
from diffusers import StableDiffusionXLImg2ImgPipeline, StableDiffusionXLInpaintPipeline
from PIL import Image

model, out = sys.argv[1], sys.argv[2]
inpaint9_dir = sys.argv[3] if len(sys.argv) > 3 else None
os.makedirs(os.path.join(out, "diffusers"), exist_ok=True)
y, x = np.mgrid[0:1024, 0:1024].astype(np.float32) / 1023
rng = np.random.default_rng(3)
init = (np.stack([np.sin(9 * x + 1) * 0.5 + 0.5, y, (x * y) ** 0.5], -1) * 200 + rng.uniform(0, 55, (1024, 1024, 3)))
init = Image.fromarray(init.clip(0, 255).round().astype(np.uint8))
mask = np.zeros((1024, 1024, 3), np.uint8)
mask[256:768, 128:640] = 255
mask = Image.fromarray(mask)
init.save(os.path.join(out, "init.png"))
mask.save(os.path.join(out, "mask.png"))

PROMPT = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k"
img2img = StableDiffusionXLImg2ImgPipeline.from_pretrained(model, torch_dtype=torch.float16).to("cuda")
inpaint = StableDiffusionXLInpaintPipeline(**img2img.components)
cases = [("img2img", img2img, {}), ("inpaint", inpaint, {"mask_image": mask}),
         ("inpaint_only_masked", inpaint, {"mask_image": mask, "padding_mask_crop": 32})]
if inpaint9_dir:
    from diffusers import UNet2DConditionModel
    if not os.path.exists(os.path.join(inpaint9_dir, "model_index.json")):
        torch.manual_seed(2)
        with torch.device("cuda"):
            unet9 = UNet2DConditionModel.from_config({**img2img.unet.config, "in_channels": 9}).to(torch.float16)
        StableDiffusionXLInpaintPipeline(**{**img2img.components, "unet": unet9}).save_pretrained(
            inpaint9_dir, safe_serialization=True, variant="fp16")
        del unet9
    unet9 = UNet2DConditionModel.from_pretrained(inpaint9_dir, subfolder="unet", torch_dtype=torch.float16,
                                                 variant="fp16").to("cuda")
    cases.append(("inpaint9", StableDiffusionXLInpaintPipeline(**{**img2img.components, "unet": unet9}), {"mask_image": mask}))
for name, pipe, extra in cases:
    pipe.set_progress_bar_config(disable=True)
    for run in range(2):  # the first warms up
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        start = time.perf_counter()
        image = pipe(PROMPT, image=init, strength=0.6, num_inference_steps=30, guidance_scale=5.0,
                     generator=torch.Generator("cpu").manual_seed(0), **extra).images[0]
        torch.cuda.synchronize()
        seconds = time.perf_counter() - start
    image.save(os.path.join(out, "diffusers", f"{name}.png"))
    row = dict(tool="diffusers", mode=name, seconds=round(seconds, 3),
               peak_allocated_gib=round(torch.cuda.max_memory_allocated() / 2**30, 2),
               peak_reserved_gib=round(torch.cuda.max_memory_reserved() / 2**30, 2))
    print(json.dumps(row), flush=True)
    with open(os.path.join(out, "diffusers.jsonl"), "a") as f:
        f.write(json.dumps(row) + "\n")
