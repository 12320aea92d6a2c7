#!/usr/bin/env python3
"""GPU parity, reference side: loads the random-weight SDXL-base folder written by
tests/gpu/diffusers_reference.py `save`, adds a random TAESDXL (vae_tiny/), and writes the
outputs of diffusers' and transformers' components on fixed inputs, in fp32 and in fp16.

  make_reference.py MODEL_DIR OUT.safetensors
"""
import json
import os
import sys

import torch
from diffusers import AutoencoderTiny, StableDiffusionXLPipeline
from safetensors.torch import save_file

model, out_path = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
tiny_dir = os.path.join(model, "vae_tiny")
if not os.path.exists(os.path.join(tiny_dir, "config.json")):
    with open(os.path.join(here, "..", "..", "resources", "models", "sdxl-base", "vae_tiny", "config.json")) as f:
        cfg = {k: v for k, v in json.load(f).items() if not k.startswith("_")}
    torch.manual_seed(1)
    AutoencoderTiny(**cfg).save_pretrained(tiny_dir, safe_serialization=True)

pipe = StableDiffusionXLPipeline.from_pretrained(model, torch_dtype=torch.float32)
taesd = AutoencoderTiny.from_pretrained(tiny_dir, torch_dtype=torch.float32)
g = torch.Generator().manual_seed(1234)
prompts = ["Astronaut in a jungle, cold color palette, muted colors, detailed, 8k", ""]
ref = {
    "in.ids1": pipe.tokenizer(prompts, padding="max_length", max_length=77, truncation=True, return_tensors="pt").input_ids,
    "in.ids2": pipe.tokenizer_2(prompts, padding="max_length", max_length=77, truncation=True, return_tensors="pt").input_ids,
    "in.unet.sample": torch.randn(2, 4, 128, 128, generator=g),
    "in.unet.context": torch.randn(2, 77, 2048, generator=g),
    "in.unet.text_embeds": torch.randn(2, 1280, generator=g),
    "in.unet.time_ids": torch.tensor([[1024.0, 1024.0, 0.0, 0.0, 1024.0, 1024.0]] * 2),
    "in.vae.latents": torch.randn(1, 4, 128, 128, generator=g),
    "in.vae.image": torch.rand(1, 3, 1024, 1024, generator=g) * 2 - 1,
}
# Row 0 as the pipeline's unconditional row for an empty negative prompt: zeros (SDXL-base's
# force_zeros_for_empty_prompt), which our UNet's cross-attention skips.
ref["in.unet.context"][0] = 0
ref["in.unet.text_embeds"][0] = 0
with torch.no_grad():
    for name, dtype in (("fp32", torch.float32), ("fp16", torch.float16)):
        pipe.to("cuda", dtype)
        taesd.to("cuda", dtype)
        c = lambda k: ref[k].to("cuda", dtype if ref[k].is_floating_point() else ref[k].dtype)
        o1 = pipe.text_encoder(c("in.ids1"), output_hidden_states=True)
        o2 = pipe.text_encoder_2(c("in.ids2"), output_hidden_states=True)
        res = {"te1.penultimate": o1.hidden_states[-2], "te2.penultimate": o2.hidden_states[-2],
               "te2.text_embeds": o2.text_embeds}
        for t in (999, 500):
            res[f"unet.t{t}"] = pipe.unet(c("in.unet.sample"), torch.tensor(t, device="cuda"),
                                          encoder_hidden_states=c("in.unet.context"),
                                          added_cond_kwargs={"text_embeds": c("in.unet.text_embeds"),
                                                             "time_ids": c("in.unet.time_ids")}).sample
        res["vae.decoded"] = pipe.vae.decode(c("in.vae.latents")).sample
        res["vae.mean"] = pipe.vae.encode(c("in.vae.image")).latent_dist.mean
        res["taesd.decoded"] = taesd.decode(c("in.vae.latents")).sample
        res["taesd.encoded"] = taesd.encode(c("in.vae.image")).latents
        for k, v in res.items():
            ref[f"out.{name}.{k}"] = v.float().cpu()
        print(name, "reference done", flush=True)
save_file({k: v.contiguous() for k, v in ref.items()}, out_path)
