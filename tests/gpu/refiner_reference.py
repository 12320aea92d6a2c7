#!/usr/bin/env python3
"""Full-size refiner, diffusers side: a random-weight SDXL refiner built from the real configs
in resources/models/sdxl-refiner (seeded; the base folder's VAE and tokenizer_2), saved in
diffusers' format (fp16) for the C++ side; then the ensemble of expert denoisers at 1024x1024
(fp16, Euler, 30 steps, seed 0): the base with denoising_end=0.8, the refiner with
denoising_start=0.8 on its latents (seed 0 drawn afresh). One PNG, and the time (second of two
runs) and peak memory as a JSON line.

  refiner_reference.py BASE_DIR REFINER_DIR OUT_DIR
"""
import json
import os
import sys
import time

import torch
from diffusers import (AutoencoderKL, EulerDiscreteScheduler, StableDiffusionXLImg2ImgPipeline,
                       StableDiffusionXLPipeline, UNet2DConditionModel)
from transformers import CLIPTextConfig, CLIPTextModelWithProjection, CLIPTokenizer

base_dir, refiner_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]
CONFIGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "models", "sdxl-refiner")
PROMPT = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k"
os.makedirs(os.path.join(out, "diffusers"), exist_ok=True)


def config(part):
    with open(os.path.join(CONFIGS, part, "config.json")) as f:
        return {k: v for k, v in json.load(f).items() if not k.startswith("_")}


if not os.path.exists(os.path.join(refiner_dir, "model_index.json")):
    torch.manual_seed(1)
    with torch.device("cuda"):
        unet = UNet2DConditionModel(**config("unet"))
        te = CLIPTextModelWithProjection(CLIPTextConfig(**config("text_encoder_2")))
    refiner = StableDiffusionXLImg2ImgPipeline(
        vae=AutoencoderKL.from_pretrained(base_dir, subfolder="vae", torch_dtype=torch.float16), text_encoder=None,
        text_encoder_2=te, tokenizer=None, tokenizer_2=CLIPTokenizer.from_pretrained(base_dir, subfolder="tokenizer_2"),
        unet=unet, scheduler=EulerDiscreteScheduler.from_pretrained(CONFIGS, subfolder="scheduler"),
        requires_aesthetics_score=True, force_zeros_for_empty_prompt=False, add_watermarker=False)
    refiner.to(dtype=torch.float16)
    refiner.save_pretrained(refiner_dir, safe_serialization=True, variant="fp16")
    del refiner, unet, te
    torch.cuda.empty_cache()

base = StableDiffusionXLPipeline.from_pretrained(base_dir, torch_dtype=torch.float16).to("cuda")
refiner = StableDiffusionXLImg2ImgPipeline.from_pretrained(refiner_dir, torch_dtype=torch.float16, variant="fp16").to("cuda")
for p in (base, refiner):
    p.set_progress_bar_config(disable=True)
for run in range(2):  # the first warms up
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    latents = base(PROMPT, num_inference_steps=30, guidance_scale=5.0, denoising_end=0.8,
                   generator=torch.Generator("cpu").manual_seed(0), output_type="latent").images
    image = refiner(PROMPT, image=latents, num_inference_steps=30, guidance_scale=5.0, denoising_start=0.8,
                    generator=torch.Generator("cpu").manual_seed(0)).images[0]
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
image.save(os.path.join(out, "diffusers", "refiner.png"))
row = dict(tool="diffusers", mode="refiner", seconds=round(seconds, 3),
           peak_allocated_gib=round(torch.cuda.max_memory_allocated() / 2**30, 2),
           peak_reserved_gib=round(torch.cuda.max_memory_reserved() / 2**30, 2))
print(json.dumps(row), flush=True)
with open(os.path.join(out, "diffusers.jsonl"), "a") as f:
    f.write(json.dumps(row) + "\n")
