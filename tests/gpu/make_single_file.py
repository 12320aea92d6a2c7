#!/usr/bin/env python3
"""From the full-size random-weight SDXL-base folder (diffusers_reference.py save), writes the same
weights as one original-layout checkpoint (fp16, as model sites share them) and a kohya LoRA of
rank 32 over every attention and feed-forward layer of the UNet and both text encoders (the size
of a typical SDXL LoRA), with the fixture's own writers (tests/fixtures/single_file.py, lora.py).

  make_single_file.py MODEL_DIR OUT.safetensors LORA.safetensors
"""
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
import single_file  # noqa: E402
import lora  # noqa: E402
from diffusers import StableDiffusionXLPipeline  # noqa: E402
from safetensors.torch import save_file  # noqa: E402

model, out, lora_out = sys.argv[1], sys.argv[2], sys.argv[3]
pipe = StableDiffusionXLPipeline.from_pretrained(model, torch_dtype=torch.float16)
sd = {}
sd.update(single_file.unet_to_sgm(pipe.unet.state_dict(), dict(pipe.unet.config)))
sd.update(single_file.vae_to_sgm(pipe.vae.state_dict(), dict(pipe.vae.config)))
sd.update(single_file.clip_to_sgm(pipe.text_encoder.state_dict()))
sd.update(single_file.open_clip_to_sgm(pipe.text_encoder_2.state_dict(), pipe.text_encoder_2.config.num_hidden_layers))
save_file({k: v.contiguous() for k, v in sd.items()}, out)
print(f"{out}: {os.path.getsize(out) / 1e9:.2f} GB, {len(sd)} tensors")

g = torch.Generator().manual_seed(3)
names = lora.sgm_unet_modules(pipe.unet, dict(pipe.unet.config))
kohya = {}
for name, module in pipe.unet.named_modules():
    if name in names and isinstance(module, torch.nn.Linear) and ("attn" in name or ".ff." in name):
        down, up = lora.lora_pair(module, 32, g)
        key = "lora_unet_" + names[name].replace(".", "_")
        kohya[key + ".lora_down.weight"], kohya[key + ".lora_up.weight"] = down.half(), up.half()
        kohya[key + ".alpha"] = torch.tensor(16.0)
for prefix, encoder in (("lora_te1_", pipe.text_encoder), ("lora_te2_", pipe.text_encoder_2)):
    for name, module in encoder.named_modules():
        if isinstance(module, torch.nn.Linear) and "self_attn" in name:
            full = name if name.startswith("text_model.") else "text_model." + name
            down, up = lora.lora_pair(module, 32, g)
            kohya[prefix + full.replace(".", "_") + ".lora_down.weight"] = down.half()
            kohya[prefix + full.replace(".", "_") + ".lora_up.weight"] = up.half()
save_file({k: v.contiguous() for k, v in kohya.items()}, lora_out)
print(f"{lora_out}: {os.path.getsize(lora_out) / 1e6:.0f} MB, {len(kohya)} tensors")
