#!/usr/bin/env python3
"""Where the UNet's and the VAE's time and memory go on the GPU, and what memory layout and
decode precision change: a measurement that guides core/src/nn, not a test.

Runs diffusers' modules (same operations as ours) at the seed protocol's shapes with random
weights. Prints a short table; writes the kernel breakdown to OUT/layout_experiment.txt.
"""
import json
import os
import sys
import time

import torch

BASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "models", "sdxl-base")
OUT = os.environ.get("OUT", "/tmp")
log = open(os.path.join(OUT, "layout_experiment.txt"), "w")


def say(*a):
    s = " ".join(str(x) for x in a)
    print(s, flush=True)
    log.write(s + "\n")
    log.flush()


def cfg(part):
    with open(os.path.join(BASE, part, "config.json")) as f:
        return {k: v for k, v in json.load(f).items() if not k.startswith("_")}


def timed(fn, reps=10):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        a.record()
        fn()
        b.record()
        torch.cuda.synchronize()
        times.append(a.elapsed_time(b))
    times.sort()
    return times[len(times) // 2]


def categorize(name):
    n = name.lower()
    if "flash" in n or "fmha" in n or "attention" in n or "efficient" in n:
        return "attention"
    if "nchwtonhwc" in n or "nhwctonchw" in n or "transpose" in n:
        return "layout transform"
    if "conv" in n or "implicit" in n or "xmma_fprop" in n or "sm90_xmma" in n or "cudnn" in n:
        return "convolution"
    if "gemm" in n or "cutlass" in n or "sm90" in n or "nvjet" in n:
        return "gemm"
    if "group_norm" in n or "groupnorm" in n or "rowwisemoments" in n or "compute_stats" in n:
        return "group norm"
    if "layer_norm" in n or "layernorm" in n:
        return "layer norm"
    if "silu" in n or "gelu" in n or "mul" in n or "add" in n or "elementwise" in n or "copy" in n or "cat" in n:
        return "elementwise"
    return "other"


def profile(fn, title):
    from torch.profiler import ProfilerActivity, profile as prof
    fn()
    torch.cuda.synchronize()
    with prof(activities=[ProfilerActivity.CUDA]) as p:
        fn()
        torch.cuda.synchronize()
    cats, total = {}, 0.0
    rows = []
    for e in p.key_averages():
        t = e.device_time_total if hasattr(e, "device_time_total") else e.cuda_time_total
        if t <= 0:
            continue
        rows.append((t, e.count, e.key))
    kernel_rows = [r for r in rows if not r[2].startswith("aten::") and not r[2].startswith("cuda")]
    for t, c, k in kernel_rows:
        total += t
        cats[categorize(k)] = cats.get(categorize(k), 0) + t
    say(f"--- {title}: {total/1000:.1f} ms of kernels")
    for k, v in sorted(cats.items(), key=lambda kv: -kv[1]):
        say(f"  {k:18s} {v/1000:8.2f} ms {100*v/total:5.1f}%")
    for t, c, k in sorted(kernel_rows, reverse=True)[:25]:
        log.write(f"    {t/1000:8.2f} ms x{c:4d} {k[:150]}\n")


def unet_experiment(batch):
    from diffusers import UNet2DConditionModel
    torch.manual_seed(0)
    with torch.device("cuda"):
        unet = UNet2DConditionModel(**cfg("unet")).half().eval()
    x = torch.randn(batch, 4, 128, 128, device="cuda", dtype=torch.half)
    t = torch.tensor(500.0, device="cuda")
    ctx = torch.randn(batch, 77, 2048, device="cuda", dtype=torch.half)
    added = {"text_embeds": torch.randn(batch, 1280, device="cuda", dtype=torch.half),
             "time_ids": torch.tensor([[1024, 1024, 0, 0, 1024, 1024]] * batch, device="cuda", dtype=torch.half)}
    results = {}
    with torch.inference_mode():
        run = lambda: unet(x, t, encoder_hidden_states=ctx, added_cond_kwargs=added, return_dict=False)[0]
        ref = run().float()
        results["nchw"] = timed(run)
        profile(run, f"UNet batch {batch} NCHW")
        torch.backends.cudnn.benchmark = True
        results["nchw+cudnn.benchmark"] = timed(run)
        unet.to(memory_format=torch.channels_last)
        xl = x.to(memory_format=torch.channels_last)
        run_cl = lambda: unet(xl, t, encoder_hidden_states=ctx, added_cond_kwargs=added, return_dict=False)[0]
        out = run_cl().float()
        results["channels_last+benchmark"] = timed(run_cl)
        profile(run_cl, f"UNet batch {batch} channels_last")
        say("  channels_last rel err", ((out - ref).norm() / ref.norm()).item())
        torch.backends.cudnn.benchmark = False
    say(f"UNet batch {batch} ms/forward:", json.dumps({k: round(v, 2) for k, v in results.items()}))
    del unet
    torch.cuda.empty_cache()


def vae_experiment():
    from diffusers import AutoencoderKL
    torch.manual_seed(0)
    with torch.device("cuda"):
        vae = AutoencoderKL(**cfg("vae")).eval()
    z = torch.randn(4, 4, 128, 128, device="cuda")
    outs = {}
    with torch.inference_mode():
        for name, dtype, cl in [("fp32", torch.float32, False), ("bf16", torch.bfloat16, False),
                                ("bf16_cl", torch.bfloat16, True), ("fp16", torch.float16, False)]:
            vae.to(dtype=dtype, memory_format=torch.channels_last if cl else torch.contiguous_format)
            zz = z.to(dtype)
            if cl:
                zz = zz.to(memory_format=torch.channels_last)
            torch.cuda.synchronize()
            torch.cuda.empty_cache()
            base = torch.cuda.memory_allocated()
            torch.cuda.reset_peak_memory_stats()
            img = vae.decode(zz, return_dict=False)[0]
            torch.cuda.synchronize()
            peak = (torch.cuda.max_memory_allocated() - base) / 1024**3
            ms = timed(lambda: vae.decode(zz, return_dict=False)[0], reps=3)
            outs[name] = img.float().clamp(-1, 1)
            say(f"VAE decode 4x1024 {name}: {ms:.0f} ms, transient peak {peak:.2f} GB, finite={bool(torch.isfinite(img).all())}")
            del img
        for name in ("bf16", "bf16_cl", "fp16"):
            mse = ((outs[name] - outs["fp32"]) / 2).pow(2).mean().item()
            say(f"  PSNR {name} vs fp32: {10 * torch.log10(torch.tensor(1.0 / max(mse, 1e-20))).item():.1f} dB")


if __name__ == "__main__":
    say(torch.cuda.get_device_name(), torch.__version__)
    for stage in sys.argv[1:] or ["vae", "8", "2"]:
        vae_experiment() if stage == "vae" else unet_experiment(int(stage))
