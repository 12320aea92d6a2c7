#!/usr/bin/env python3
"""The reference side of every speed and memory comparison: diffusers' SDXL pipeline
built from the real SDXL-base configs in resources/models/sdxl-base with seeded random
weights (latency and memory do not depend on weight values), and SDXL-base's tokenizer as
scripts/make_clip_tokenizer.py makes it ($SDXL_CLIP_TOKENIZER_DIR, else .cache/clip-tokenizer).
The workplace's tools/diffusers_reference.py, kept in the repository so that a clone needs
nothing beside it.

Runs on the GPU machine, where torch and transformers are installed; diffusers is not
there, so scripts/gpu_run.sh carries its wheel.

  diffusers_reference.py bench OUT.jsonl CONFIG [CONFIG...]   time configurations
  diffusers_reference.py save DIR [--dtype fp16|bf16|fp32]    write the random-weight
        pipeline in diffusers' folder format, so another implementation can load the
        very same weights and compare outputs
  diffusers_reference.py list                                 the configuration names

A configuration name joins words with '_': a precision (fp32, fp16, bf16), then any of
default_attn, compile, vae_slicing, vae_tiling, model_offload, seq_offload,
cached_embeds, tiny_vae. The prefix 'single_' switches from the seed protocol
(4 images of one prompt, 50 steps, 1024x1024, 3 runs, the last one counted) to
1 image, 30 steps. Peak memory is torch.cuda.max_memory_allocated() over the counted run.
"""
import gc
import json
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, "..", "..", "resources", "models", "sdxl-base")
TOKENIZERS = os.environ.get("SDXL_CLIP_TOKENIZER_DIR") or os.path.join(HERE, "..", "..", ".cache", "clip-tokenizer")
PROMPT = "Astronaut in a jungle, cold color palette, muted colors, detailed, 8k"
GB = 1024 ** 3
CONFIGS = ["fp32_default_attn", "fp16_default_attn", "fp16", "fp16_compile",
           "fp16_model_offload", "fp16_seq_offload", "fp16_vae_slicing",
           "fp16_vae_slicing_seq_offload", "fp16_cached_embeds", "fp16_tiny_vae",
           "single_bf16", "single_bf16_compile"]


def _config(part):
    with open(os.path.join(BASE, part, "config.json")) as f:
        cfg = json.load(f)
    return {k: v for k, v in cfg.items() if not k.startswith("_")}


def build(dtype, device="cuda", tiny_vae=False, text_encoders=True):
    from diffusers import (AutoencoderKL, AutoencoderTiny, EulerDiscreteScheduler,
                           StableDiffusionXLPipeline, UNet2DConditionModel)
    from transformers import (CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection,
                              CLIPTokenizer)
    torch.manual_seed(0)
    with torch.device(device):
        unet = UNet2DConditionModel(**_config("unet"))
        vae = AutoencoderTiny(**_config("vae_tiny")) if tiny_vae else AutoencoderKL(**_config("vae"))
        te1 = te2 = tok1 = tok2 = None
        if text_encoders:
            te1 = CLIPTextModel(CLIPTextConfig(**_config("text_encoder")))
            te2 = CLIPTextModelWithProjection(CLIPTextConfig(**_config("text_encoder_2")))
    if text_encoders:
        tok1 = CLIPTokenizer.from_pretrained(os.path.join(TOKENIZERS, "tokenizer"))
        tok2 = CLIPTokenizer.from_pretrained(os.path.join(TOKENIZERS, "tokenizer_2"))
    sched = EulerDiscreteScheduler.from_pretrained(BASE, subfolder="scheduler")
    pipe = StableDiffusionXLPipeline(vae=vae, text_encoder=te1, text_encoder_2=te2,
                                     tokenizer=tok1, tokenizer_2=tok2, unet=unet,
                                     scheduler=sched, force_zeros_for_empty_prompt=True,
                                     add_watermarker=False)
    pipe.to(dtype=dtype)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def run(cfg):
    single = cfg.startswith("single_")
    words = set(cfg.split("_"))
    n_img, steps, runs = (1, 30, 3) if single else (4, 50, 3)
    dtype = {"fp32": torch.float32, "bf16": torch.bfloat16}.get(cfg.split("_")[1 if single else 0], torch.float16)
    kw = dict(prompt=PROMPT, num_images_per_prompt=n_img, num_inference_steps=steps,
              height=1024, width=1024, output_type="pil")
    if "cached" in words:
        pipe = build(dtype)
        with torch.no_grad():
            pe, npe, ppe, nppe = pipe.encode_prompt(PROMPT, device="cuda", num_images_per_prompt=n_img)
        del pipe
        gc.collect()
        torch.cuda.empty_cache()
        pipe = build(dtype, text_encoders=False)
        kw = dict(prompt_embeds=pe, negative_prompt_embeds=npe, pooled_prompt_embeds=ppe,
                  negative_pooled_prompt_embeds=nppe, num_inference_steps=steps,
                  height=1024, width=1024, output_type="pil")
    else:
        pipe = build(dtype, tiny_vae="tiny" in words)
    if "default" in words:
        pipe.unet.set_default_attn_processor()
        if hasattr(pipe.vae, "set_default_attn_processor"):
            pipe.vae.set_default_attn_processor()
    if "slicing" in words:
        pipe.vae.enable_slicing()
    if "tiling" in words:
        pipe.vae.enable_tiling()
    if "offload" in words:
        pipe.to("cpu")
        torch.cuda.empty_cache()
        if "seq" in words:
            pipe.enable_sequential_cpu_offload()
            runs = 2
        else:
            pipe.enable_model_cpu_offload()
    if dtype == torch.float32:
        runs = 2
    if "compile" in words:
        pipe.unet.to(memory_format=torch.channels_last)
        pipe.unet = torch.compile(pipe.unet, mode="reduce-overhead", fullgraph=True)
    lat = []
    for _ in range(runs):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        t = time.perf_counter()
        pipe(**kw)
        torch.cuda.synchronize()
        lat.append(time.perf_counter() - t)
    res = dict(config=cfg, images=n_img, steps=steps, runs=runs, latency_s=round(lat[-1], 3),
               all_latencies=[round(x, 3) for x in lat],
               peak_allocated_gb=round(torch.cuda.max_memory_allocated() / GB, 2),
               device=torch.cuda.get_device_name(), torch=torch.__version__)
    del pipe
    gc.collect()
    torch.cuda.empty_cache()
    return res


def main(argv):
    if len(argv) < 2 or argv[1] not in ("bench", "save", "list"):
        print(__doc__)
        return 2
    if argv[1] == "list":
        print("\n".join(CONFIGS))
        return 0
    if argv[1] == "save":
        dtype = {"fp32": torch.float32, "bf16": torch.bfloat16}.get(
            argv[argv.index("--dtype") + 1] if "--dtype" in argv else "fp16", torch.float16)
        device = "cuda" if torch.cuda.is_available() else "cpu"
        build(dtype, device=device).save_pretrained(argv[2], safe_serialization=True)
        return 0
    out = argv[2]
    deadline = time.time() + float(os.environ.get("BUDGET_S", "540"))
    for cfg in argv[3:]:
        if time.time() > deadline:
            res = dict(config=cfg, skipped="time budget")
        else:
            try:
                res = run(cfg)
            except Exception as e:  # one failing configuration must not lose the others
                res = dict(config=cfg, error=repr(e)[:500])
        print(json.dumps(res), flush=True)
        with open(out, "a") as f:
            f.write(json.dumps(res) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
