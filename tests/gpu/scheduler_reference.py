#!/usr/bin/env python3
"""Full-size scheduler comparison, diffusers side: one 1024x1024 fp16 image per scheduler from the
random-weight SDXL-base folder, 30 steps, seed 0, saved as PNG for the C++ side to compare.

  scheduler_reference.py MODEL_DIR OUT_DIR
"""
import os
import sys

import torch
from diffusers import (DDIMScheduler, DPMSolverMultistepScheduler, EulerAncestralDiscreteScheduler,
                       EulerDiscreteScheduler, StableDiffusionXLPipeline, UniPCMultistepScheduler)

model, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
pipe = StableDiffusionXLPipeline.from_pretrained(model, torch_dtype=torch.float16).to("cuda")
pipe.set_progress_bar_config(disable=True)
base = pipe.scheduler.config
for name, cls, extra in [("euler", EulerDiscreteScheduler, {}), ("euler_a", EulerAncestralDiscreteScheduler, {}),
                         ("dpmpp_2m", DPMSolverMultistepScheduler, {}),
                         ("dpmpp_2m_karras", DPMSolverMultistepScheduler, {"use_karras_sigmas": True}),
                         ("ddim", DDIMScheduler, {}), ("unipc", UniPCMultistepScheduler, {})]:
    pipe.scheduler = cls.from_config(base, **extra)
    image = pipe("Astronaut in a jungle, cold color palette, muted colors, detailed, 8k", num_inference_steps=30,
                 guidance_scale=5.0, generator=torch.Generator("cpu").manual_seed(0)).images[0]
    image.save(os.path.join(out, f"{name}.png"))
    print("diffusers", name, flush=True)
