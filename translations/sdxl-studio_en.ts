<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>DeviceDefaults</name>
    <message>
        <source>Settings for this GPU: 1024×1024, 30 steps, fp16 with SDPA (SDXL's own size).</source>
        <translation>Settings for this GPU: 1024×1024, 30 steps, fp16 with SDPA (SDXL's own size).</translation>
    </message>
    <message>
        <source>Settings for this computer without a GPU: 512×512 and 20 steps to keep a run to minutes, bf16 because this CPU multiplies it natively.</source>
        <translation>Settings for this computer without a GPU: 512×512 and 20 steps to keep a run to minutes, bf16 because this CPU multiplies it natively.</translation>
    </message>
    <message>
        <source>Settings for this computer without a GPU: 512×512 and 20 steps to keep a run to minutes, fp32 because this CPU has no fast fp16 or bf16 arithmetic.</source>
        <translation>Settings for this computer without a GPU: 512×512 and 20 steps to keep a run to minutes, fp32 because this CPU has no fast fp16 or bf16 arithmetic.</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <source>LibTorch found no CUDA device.</source>
        <translation>LibTorch found no CUDA device.</translation>
    </message>
    <message>
        <source>This is the CPU-only build of SDXL Studio: it runs on the CPU. Install the CUDA package to use an NVIDIA GPU.</source>
        <translation>This is the CPU-only build of SDXL Studio: it runs on the CPU. Install the CUDA package to use an NVIDIA GPU.</translation>
    </message>
    <message>
        <source>No NVIDIA driver is installed, so SDXL Studio runs on the CPU (minutes per image instead of seconds). To use an NVIDIA GPU, install its driver, version %1 or newer.</source>
        <translation>No NVIDIA driver is installed, so SDXL Studio runs on the CPU (minutes per image instead of seconds). To use an NVIDIA GPU, install its driver, version %1 or newer.</translation>
    </message>
    <message>
        <source>The NVIDIA driver supports CUDA %1, older than the CUDA %2 this build needs, so SDXL Studio runs on the CPU (minutes per image instead of seconds). Update the driver to version %3 or newer.</source>
        <translation>The NVIDIA driver supports CUDA %1, older than the CUDA %2 this build needs, so SDXL Studio runs on the CPU (minutes per image instead of seconds). Update the driver to version %3 or newer.</translation>
    </message>
    <message>
        <source>The NVIDIA driver is installed but no NVIDIA GPU is visible to this program (check the card, CUDA_VISIBLE_DEVICES, or a container's access to the GPU), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</source>
        <translation>The NVIDIA driver is installed but no NVIDIA GPU is visible to this program (check the card, CUDA_VISIBLE_DEVICES, or a container's access to the GPU), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</translation>
    </message>
    <message>
        <source>The GPU could not be used (%1), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</source>
        <translation>The GPU could not be used (%1), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</translation>
    </message>
    <message>
        <source>CUDA %1 (driver supports %2), %3 device(s)</source>
        <translation>CUDA %1 (driver supports %2), %3 device(s)</translation>
    </message>
    <message>
        <source>CPU only: %1</source>
        <translation>CPU only: %1</translation>
    </message>
    <message>
        <source>GPU: %1</source>
        <translation>GPU: %1</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>CPU only</translation>
    </message>
    <message>
        <source>The %1 (compute capability %2) is older than the GPUs this build is made for (Ampere, Ada and Hopper: 8.0 or newer), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</source>
        <translation>The %1 (compute capability %2) is older than the GPUs this build is made for (Ampere, Ada and Hopper: 8.0 or newer), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</translation>
    </message>
</context>
<context>
    <name>GridAxes</name>
    <message>
        <source>Prompt S/R</source>
        <translation>Prompt S/R</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation>CFG scale</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>LoRA weight</source>
        <translation>LoRA weight</translation>
    </message>
    <message>
        <source>Optimizations</source>
        <translation>Optimizations</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>Built-in tiny model (random weights)</source>
        <translation>Built-in tiny model (random weights)</translation>
    </message>
    <message>
        <source>Built-in SDXL-size model (random weights)</source>
        <translation>Built-in SDXL-size model (random weights)</translation>
    </message>
</context>
<context>
    <name>Switches</name>
    <message>
        <source>compile (CUDA graphs)</source>
        <translation>compile (CUDA graphs)</translation>
    </message>
    <message>
        <source>VAE slicing</source>
        <translation>VAE slicing</translation>
    </message>
    <message>
        <source>VAE tiling</source>
        <translation>VAE tiling</translation>
    </message>
    <message>
        <source>cached prompt embeddings</source>
        <translation>cached prompt embeddings</translation>
    </message>
    <message>
        <source>text encoders freed</source>
        <translation>text encoders freed</translation>
    </message>
    <message>
        <source>Tiny AutoEncoder</source>
        <translation>Tiny AutoEncoder</translation>
    </message>
    <message>
        <source>VAE in fp32</source>
        <translation>VAE in fp32</translation>
    </message>
    <message>
        <source>FP8 products</source>
        <translation>FP8 products</translation>
    </message>
    <message>
        <source>step cache</source>
        <translation>step cache</translation>
    </message>
    <message>
        <source>guidance cut-off</source>
        <translation>guidance cut-off</translation>
    </message>
    <message>
        <source>every %1 steps</source>
        <translation>every %1 steps</translation>
    </message>
    <message>
        <source>after %1% of the steps</source>
        <translation>after %1% of the steps</translation>
    </message>
    <message>
        <source>default attention</source>
        <translation>default attention</translation>
    </message>
    <message>
        <source>model offload</source>
        <translation>model offload</translation>
    </message>
    <message>
        <source>sequential offload</source>
        <translation>sequential offload</translation>
    </message>
    <message>
        <source>Approximate: %1</source>
        <translation>Approximate: %1</translation>
    </message>
</context>
<context>
    <name>sdxl</name>
    <message>
        <source>generation cancelled</source>
        <translation>generation cancelled</translation>
    </message>
    <message>
        <source>%1 is not a refiner (it has both text encoders). Choose an SDXL refiner (stable-diffusion-xl-refiner-1.0), or no refiner.</source>
        <translation>%1 is not a refiner (it has both text encoders). Choose an SDXL refiner (stable-diffusion-xl-refiner-1.0), or no refiner.</translation>
    </message>
    <message>
        <source>CUDA was asked for, but no CUDA device is available</source>
        <translation>CUDA was asked for, but no CUDA device is available</translation>
    </message>
    <message>
        <source>the GPU ran out of memory. Try fewer images, a smaller size, fp16 or bf16, VAE slicing or tiling, the Tiny AutoEncoder, or CPU offload. (%1)</source>
        <translation>the GPU ran out of memory. Try fewer images, a smaller size, fp16 or bf16, VAE slicing or tiling, the Tiny AutoEncoder, or CPU offload. (%1)</translation>
    </message>
    <message>
        <source>the computer ran out of memory (RAM). Try fewer images, a smaller size, bf16 instead of fp32, VAE slicing or tiling, or close other programs.%1</source>
        <translation>the computer ran out of memory (RAM). Try fewer images, a smaller size, bf16 instead of fp32, VAE slicing or tiling, or close other programs.%1</translation>
    </message>
    <message>
        <source>the refiner's switch point comes before the first step the strength leaves: raise the switch point or the strength</source>
        <translation>the refiner's switch point comes before the first step the strength leaves: raise the switch point or the strength</translation>
    </message>
    <message>
        <source>with %1 steps the refiner's switch point leaves the refiner no step: lower the switch point or raise the steps</source>
        <translation>with %1 steps the refiner's switch point leaves the refiner no step: lower the switch point or raise the steps</translation>
    </message>
    <message>
        <source>compile captures CUDA graphs; it needs a CUDA device</source>
        <translation>compile captures CUDA graphs; it needs a CUDA device</translation>
    </message>
    <message>
        <source>FP8 products need an Ada or Hopper GPU (compute capability 8.9 or newer); this one is %1. Switch FP8 off.</source>
        <translation>FP8 products need an Ada or Hopper GPU (compute capability 8.9 or newer); this one is %1. Switch FP8 off.</translation>
    </message>
    <message>
        <source>the model is itself a refiner: choose a base model to refine after, or no refiner</source>
        <translation>the model is itself a refiner: choose a base model to refine after, or no refiner</translation>
    </message>
    <message>
        <source>the prompt's &lt;%1:%2&gt; tag: SDXL Studio applies LoRAs (&lt;lora:NAME:WEIGHT&gt;) only; take it out</source>
        <translation>the prompt's &lt;%1:%2&gt; tag: SDXL Studio applies LoRAs (&lt;lora:NAME:WEIGHT&gt;) only; take it out</translation>
    </message>
    <message>
        <source>the prompt asks for the LoRA '%1', but no LoRA folder is set (choose the models folder that holds it)</source>
        <translation>the prompt asks for the LoRA '%1', but no LoRA folder is set (choose the models folder that holds it)</translation>
    </message>
    <message>
        <source>the prompt asks for the LoRA '%1', but the LoRA folder %2 does not exist (choose the models folder that holds it)</source>
        <translation>the prompt asks for the LoRA '%1', but the LoRA folder %2 does not exist (choose the models folder that holds it)</translation>
    </message>
    <message>
        <source>the prompt asks for the LoRA '%1', which is not in %2 (as %1.safetensors)</source>
        <translation>the prompt asks for the LoRA '%1', which is not in %2 (as %1.safetensors)</translation>
    </message>
    <message>
        <source>%1 is a LoRA for Stable Diffusion 1.x; this model is SDXL</source>
        <translation>%1 is a LoRA for Stable Diffusion 1.x; this model is SDXL</translation>
    </message>
    <message>
        <source>%1 names %2 layer(s) this model does not have:%3
  Is it a LoRA for SDXL base?</source>
        <translation>%1 names %2 layer(s) this model does not have:%3
  Is it a LoRA for SDXL base?</translation>
    </message>
    <message>
        <source>%1 does not fit this model's layers:%2</source>
        <translation>%1 does not fit this model's layers:%2</translation>
    </message>
    <message>
        <source>nothing fits in a memory budget of %1: this request needs about %2 at the least (%3). Raise the budget to that, or ask for fewer images or a smaller size.</source>
        <translation>nothing fits in a memory budget of %1: this request needs about %2 at the least (%3). Raise the budget to that, or ask for fewer images or a smaller size.</translation>
    </message>
    <message>
        <source>CPU offload moves weights between host and GPU memory; it needs a CUDA device</source>
        <translation>CPU offload moves weights between host and GPU memory; it needs a CUDA device</translation>
    </message>
    <message>
        <source>the Tiny AutoEncoder is switched on, but %1 does not exist. Put TAESDXL there in diffusers' format (madebyollin/taesdxl: config.json and diffusion_pytorch_model.safetensors), or switch the Tiny AutoEncoder off.</source>
        <translation>the Tiny AutoEncoder is switched on, but %1 does not exist. Put TAESDXL there in diffusers' format (madebyollin/taesdxl: config.json and diffusion_pytorch_model.safetensors), or switch the Tiny AutoEncoder off.</translation>
    </message>
    <message>
        <source>a mask needs the image it belongs to: give an init image too</source>
        <translation>a mask needs the image it belongs to: give an init image too</translation>
    </message>
    <message>
        <source>an image's pixels do not match its size %1</source>
        <translation>an image's pixels do not match its size %1</translation>
    </message>
    <message>
        <source>the init image is %1 but the request is %2; resize or crop it to that size first</source>
        <translation>the init image is %1 but the request is %2; resize or crop it to that size first</translation>
    </message>
    <message>
        <source>the mask is %1 but the image is %2; a mask must be the image's size</source>
        <translation>the mask is %1 but the image is %2; a mask must be the image's size</translation>
    </message>
    <message>
        <source>strength must be above 0 and at most 1 (the share of the steps that redo the image); got %1</source>
        <translation>strength must be above 0 and at most 1 (the share of the steps that redo the image); got %1</translation>
    </message>
    <message>
        <source>strength %1 of %2 steps leaves no step to run; raise the strength or the steps</source>
        <translation>strength %1 of %2 steps leaves no step to run; raise the strength or the steps</translation>
    </message>
    <message>
        <source>"only masked" inpaints the masked part of the image: paint a mask</source>
        <translation>"only masked" inpaints the masked part of the image: paint a mask</translation>
    </message>
    <message>
        <source>the masked area's padding must be between 0 and 1024 pixels</source>
        <translation>the masked area's padding must be between 0 and 1024 pixels</translation>
    </message>
    <message>
        <source>the mask blur must be between 0 and 64 pixels</source>
        <translation>the mask blur must be between 0 and 64 pixels</translation>
    </message>
    <message>
        <source>the mask is empty: paint white where the image should change</source>
        <translation>the mask is empty: paint white where the image should change</translation>
    </message>
    <message>
        <source>the mask blurred by %1 pixels leaves nothing to repaint: paint a larger area or lower the mask blur</source>
        <translation>the mask blurred by %1 pixels leaves nothing to repaint: paint a larger area or lower the mask blur</translation>
    </message>
    <message>
        <source>size %1 is outside 32..4096 pixels per side (SDXL is trained around 1024x1024)</source>
        <translation>size %1 is outside 32..4096 pixels per side (SDXL is trained around 1024x1024)</translation>
    </message>
    <message>
        <source>width and height must be multiples of 8 (the VAE works on 8x8 pixel blocks); got %1</source>
        <translation>width and height must be multiples of 8 (the VAE works on 8x8 pixel blocks); got %1</translation>
    </message>
    <message>
        <source>steps must be between 1 and 1000; got %1</source>
        <translation>steps must be between 1 and 1000; got %1</translation>
    </message>
    <message>
        <source>guidance must be between 0 and 100</source>
        <translation>guidance must be between 0 and 100</translation>
    </message>
    <message>
        <source>guidance rescale must be between 0 and 1</source>
        <translation>guidance rescale must be between 0 and 1</translation>
    </message>
    <message>
        <source>images must be between 1 and 64; got %1</source>
        <translation>images must be between 1 and 64; got %1</translation>
    </message>
    <message>
        <source>a LoRA's weight must be between -10 and 10: %1</source>
        <translation>a LoRA's weight must be between -10 and 10: %1</translation>
    </message>
    <message>
        <source>clip skip must be between 1 (SDXL's own layer) and 12; got %1</source>
        <translation>clip skip must be between 1 (SDXL's own layer) and 12; got %1</translation>
    </message>
    <message>
        <source>hires fix draws a new image first; to enlarge an image you have, use img2img at the larger size</source>
        <translation>hires fix draws a new image first; to enlarge an image you have, use img2img at the larger size</translation>
    </message>
    <message>
        <source>the hires fix's scale must be between 1 and 4</source>
        <translation>the hires fix's scale must be between 1 and 4</translation>
    </message>
    <message>
        <source>the hires fix would make %1, past 4096 pixels a side; lower the scale</source>
        <translation>the hires fix would make %1, past 4096 pixels a side; lower the scale</translation>
    </message>
    <message>
        <source>the hires fix's strength must be above 0 and at most 1</source>
        <translation>the hires fix's strength must be above 0 and at most 1</translation>
    </message>
    <message>
        <source>the hires fix's steps must be between 0 (as many as the first pass) and 1000</source>
        <translation>the hires fix's steps must be between 0 (as many as the first pass) and 1000</translation>
    </message>
    <message>
        <source>the hires fix's strength %1 of %2 steps leaves no step to run</source>
        <translation>the hires fix's strength %1 of %2 steps leaves no step to run</translation>
    </message>
    <message>
        <source>the refiner has no model: choose an SDXL refiner, or no refiner</source>
        <translation>the refiner has no model: choose an SDXL refiner, or no refiner</translation>
    </message>
    <message>
        <source>the refiner's switch point must be between 0 and 1 (the share of the steps the first model runs); got %1</source>
        <translation>the refiner's switch point must be between 0 and 1 (the share of the steps the first model runs); got %1</translation>
    </message>
    <message>
        <source>the refiner and the hires fix together are not offered yet: choose one</source>
        <translation>the refiner and the hires fix together are not offered yet: choose one</translation>
    </message>
    <message>
        <source>the refiner stage is not offered with inpainting yet: inpaint, then refine the result as img2img</source>
        <translation>the refiner stage is not offered with inpainting yet: inpaint, then refine the result as img2img</translation>
    </message>
    <message>
        <source>aesthetic scores must be between 0 and 10</source>
        <translation>aesthetic scores must be between 0 and 10</translation>
    </message>
    <message>
        <source>freeing the text encoders needs cached prompt embeddings (otherwise the next prompt has no encoder)</source>
        <translation>freeing the text encoders needs cached prompt embeddings (otherwise the next prompt has no encoder)</translation>
    </message>
    <message>
        <source>compile (CUDA graphs) and sequential offload cannot be combined: a graph replays fixed weight addresses, while sequential offload moves the weights at every step. Choose one.</source>
        <translation>compile (CUDA graphs) and sequential offload cannot be combined: a graph replays fixed weight addresses, while sequential offload moves the weights at every step. Choose one.</translation>
    </message>
    <message>
        <source>the step cache's interval must be between 2 and 10 steps (0 or 1: off); got %1</source>
        <translation>the step cache's interval must be between 2 and 10 steps (0 or 1: off); got %1</translation>
    </message>
    <message>
        <source>the step cache and sequential offload cannot be combined: sequential offload streams the whole UNet in its order every step. Choose one.</source>
        <translation>the step cache and sequential offload cannot be combined: sequential offload streams the whole UNet in its order every step. Choose one.</translation>
    </message>
    <message>
        <source>the guidance cut-off must be a share of the steps above 0 and at most 1 (1: guidance throughout)</source>
        <translation>the guidance cut-off must be a share of the steps above 0 and at most 1 (1: guidance throughout)</translation>
    </message>
    <message>
        <source>the prompt is longer than 100,000 bytes</source>
        <translation>the prompt is longer than 100,000 bytes</translation>
    </message>
    <message>
        <source>the prompt is not valid UTF-8 text (byte %1 cannot start a character); write it in UTF-8, the encoding of every modern terminal and editor</source>
        <translation>the prompt is not valid UTF-8 text (byte %1 cannot start a character); write it in UTF-8, the encoding of every modern terminal and editor</translation>
    </message>
    <message>
        <source>the negative prompt is not valid UTF-8 text (byte %1 cannot start a character); write it in UTF-8, the encoding of every modern terminal and editor</source>
        <translation>the negative prompt is not valid UTF-8 text (byte %1 cannot start a character); write it in UTF-8, the encoding of every modern terminal and editor</translation>
    </message>
    <message>
        <source>the VAE %1 does not exist</source>
        <translation>the VAE %1 does not exist</translation>
    </message>
    <message>
        <source>%1 cannot be used as an SDXL model:
  %2</source>
        <translation>%1 cannot be used as an SDXL model:
  %2</translation>
    </message>
    <message>
        <source>%1 is not a usable SDXL model folder:%2</source>
        <translation>%1 is not a usable SDXL model folder:%2</translation>
    </message>
    <message>
        <source>%1 is %2, not a LoRA</source>
        <translation>%1 is %2, not a LoRA</translation>
    </message>
    <message>
        <source>%1: refusing to open a pickle-based checkpoint. Loading one runs whatever code the file contains. Convert it to .safetensors with a tool you trust (or download the safetensors version of the model) and point SDXL Studio at that.</source>
        <translation>%1: refusing to open a pickle-based checkpoint. Loading one runs whatever code the file contains. Convert it to .safetensors with a tool you trust (or download the safetensors version of the model) and point SDXL Studio at that.</translation>
    </message>
    <message>
        <source>FP8 products and CPU offload cannot be combined: the FP8 copy of the UNet's weights stays on the GPU and is made again whenever offload brings the weights back. Choose one.</source>
        <translation>FP8 products and CPU offload cannot be combined: the FP8 copy of the UNet's weights stays on the GPU and is made again whenever offload brings the weights back. Choose one.</translation>
    </message>
    <message>
        <source>the image is empty or its pixels do not match its size</source>
        <translation>the image is empty or its pixels do not match its size</translation>
    </message>
    <message>
        <source>cannot fit an image to %1x%2</source>
        <translation>cannot fit an image to %1x%2</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>cannot open %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 is not a regular file</translation>
    </message>
    <message>
        <source>cannot map %1: %2</source>
        <translation>cannot map %1: %2</translation>
    </message>
    <message>
        <source>%1 is a pickle-based PyTorch checkpoint, whatever its name says; refusing to load it, because loading one runs whatever code the file contains. Use the model's .safetensors version.</source>
        <translation>%1 is a pickle-based PyTorch checkpoint, whatever its name says; refusing to load it, because loading one runs whatever code the file contains. Use the model's .safetensors version.</translation>
    </message>
    <message>
        <source>%1 exists already; not overwriting it</source>
        <translation>%1 exists already; not overwriting it</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>writing %1 failed: %2</source>
        <translation>writing %1 failed: %2</translation>
    </message>
    <message>
        <source>writing %1 failed (disk full?)</source>
        <translation>writing %1 failed (disk full?)</translation>
    </message>
    <message>
        <source>cannot move %1 to %2: %3</source>
        <translation>cannot move %1 to %2: %3</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a readable PNG: %2</source>
        <translation>%1 is not a readable PNG: %2</translation>
    </message>
    <message>
        <source>no free image name left in %1</source>
        <translation>no free image name left in %1</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: "%1" is not text</source>
        <translation>this is not a grid of SDXL Studio: "%1" is not text</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: "%1" is not a number from 0 up</source>
        <translation>this is not a grid of SDXL Studio: "%1" is not a number from 0 up</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: a cell's "%1" is outside its axis</source>
        <translation>this is not a grid of SDXL Studio: a cell's "%1" is outside its axis</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: it is not JSON</source>
        <translation>this is not a grid of SDXL Studio: it is not JSON</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: it has no "axes" and "cells"</source>
        <translation>this is not a grid of SDXL Studio: it has no "axes" and "cells"</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: it has more than three axes</source>
        <translation>this is not a grid of SDXL Studio: it has more than three axes</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: an axis is not an object</source>
        <translation>this is not a grid of SDXL Studio: an axis is not an object</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: it has an unknown axis "%1"</source>
        <translation>this is not a grid of SDXL Studio: it has an unknown axis "%1"</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: the axis "%1" needs 1 to 64 values</source>
        <translation>this is not a grid of SDXL Studio: the axis "%1" needs 1 to 64 values</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: a value of "%1" is not text</source>
        <translation>this is not a grid of SDXL Studio: a value of "%1" is not text</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: its axes make %1 cells and it lists %2</source>
        <translation>this is not a grid of SDXL Studio: its axes make %1 cells and it lists %2</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: a cell is not an object</source>
        <translation>this is not a grid of SDXL Studio: a cell is not an object</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: the cell %1 is listed twice</source>
        <translation>this is not a grid of SDXL Studio: the cell %1 is listed twice</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: the image "%1" is not a .png file beside the report</source>
        <translation>this is not a grid of SDXL Studio: the image "%1" is not a .png file beside the report</translation>
    </message>
    <message>
        <source>the tokenizer file %1 is missing or unreadable</source>
        <translation>the tokenizer file %1 is missing or unreadable</translation>
    </message>
    <message>
        <source>the prompt's text could not be decoded as UTF-8</source>
        <translation>the prompt's text could not be decoded as UTF-8</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2)</source>
        <translation>%1 is not valid JSON (%2)</translation>
    </message>
    <message>
        <source>%1 has no BPE model</source>
        <translation>%1 has no BPE model</translation>
    </message>
    <message>
        <source>%1 is not a BPE tokenizer</source>
        <translation>%1 is not a BPE tokenizer</translation>
    </message>
    <message>
        <source>%1: a merge is neither "a b" nor ["a", "b"]</source>
        <translation>%1: a merge is neither "a b" nor ["a", "b"]</translation>
    </message>
    <message>
        <source>%1 has no token -&gt; id vocabulary</source>
        <translation>%1 has no token -&gt; id vocabulary</translation>
    </message>
    <message>
        <source>%1: the token '%2' has no valid id</source>
        <translation>%1: the token '%2' has no valid id</translation>
    </message>
    <message>
        <source>%1: the merge '%2' is not two symbols</source>
        <translation>%1: the merge '%2' is not two symbols</translation>
    </message>
    <message>
        <source>%1 lacks the token '%2'</source>
        <translation>%1 lacks the token '%2'</translation>
    </message>
    <message>
        <source>%1 is %2, not a VAE</source>
        <translation>%1 is %2, not a VAE</translation>
    </message>
    <message>
        <source>%1: %2 is not a single number</source>
        <translation>%1: %2 is not a single number</translation>
    </message>
    <message>
        <source>the %1 config describes %2 parameters, more than any SDXL-family component (limit %3); refusing to allocate it</source>
        <translation>the %1 config describes %2 parameters, more than any SDXL-family component (limit %3); refusing to allocate it</translation>
    </message>
    <message>
        <source>%1 is %2 bytes; a file of this kind is never larger than %3</source>
        <translation>%1 is %2 bytes; a file of this kind is never larger than %3</translation>
    </message>
    <message>
        <source>%1: tensor '%2' appears in two shards</source>
        <translation>%1: tensor '%2' appears in two shards</translation>
    </message>
    <message>
        <source>%1 has no weight_map object</source>
        <translation>%1 has no weight_map object</translation>
    </message>
    <message>
        <source>%1: the weight_map entry '%2' is not a file name</source>
        <translation>%1: the weight_map entry '%2' is not a file name</translation>
    </message>
    <message>
        <source>%1: the shard name '%2' points outside the folder</source>
        <translation>%1: the shard name '%2' points outside the folder</translation>
    </message>
    <message>
        <source>%1 lists no shards</source>
        <translation>%1 lists no shards</translation>
    </message>
    <message>
        <source>%1 names the shard %2, which is missing</source>
        <translation>%1 names the shard %2, which is missing</translation>
    </message>
    <message>
        <source>%1 says tensor '%2' is in %3, but it is not</source>
        <translation>%1 says tensor '%2' is in %3, but it is not</translation>
    </message>
    <message>
        <source>%1: the shards hold tensors that the index does not list</source>
        <translation>%1: the shards hold tensors that the index does not list</translation>
    </message>
    <message>
        <source>no safetensors weights in %1. %2</source>
        <translation>no safetensors weights in %1. %2</translation>
    </message>
    <message>
        <source>no weights in %1: expected %2 (or a sharded *.safetensors.index.json)</source>
        <translation>no weights in %1: expected %2 (or a sharded *.safetensors.index.json)</translation>
    </message>
    <message>
        <source>no weights in %1: expected %2 (or a sharded *.safetensors.index.json); found only %3</source>
        <translation>no weights in %1: expected %2 (or a sharded *.safetensors.index.json); found only %3</translation>
    </message>
    <message>
        <source>the checkpoint has no tensor '%1'</source>
        <translation>the checkpoint has no tensor '%1'</translation>
    </message>
    <message>
        <source>safetensors file %1: the header names '%2' twice</source>
        <translation>safetensors file %1: the header names '%2' twice</translation>
    </message>
    <message>
        <source>safetensors file %1: the header is not valid JSON (%2)</source>
        <translation>safetensors file %1: the header is not valid JSON (%2)</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its entry is not an object</source>
        <translation>safetensors file %1: tensor '%2': its entry is not an object</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': unknown field '%3'</source>
        <translation>safetensors file %1: tensor '%2': unknown field '%3'</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': missing dtype</source>
        <translation>safetensors file %1: tensor '%2': missing dtype</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': unsupported dtype '%3'</source>
        <translation>safetensors file %1: tensor '%2': unsupported dtype '%3'</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': missing shape</source>
        <translation>safetensors file %1: tensor '%2': missing shape</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': more than 16 dimensions</source>
        <translation>safetensors file %1: tensor '%2': more than 16 dimensions</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its shape holds a value that is not a non-negative integer</source>
        <translation>safetensors file %1: tensor '%2': its shape holds a value that is not a non-negative integer</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its shape is absurdly large</source>
        <translation>safetensors file %1: tensor '%2': its shape is absurdly large</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': data_offsets must be two non-negative integers</source>
        <translation>safetensors file %1: tensor '%2': data_offsets must be two non-negative integers</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': data_offsets end before they begin</source>
        <translation>safetensors file %1: tensor '%2': data_offsets end before they begin</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': shape and dtype make %3 bytes but data_offsets span %4</source>
        <translation>safetensors file %1: tensor '%2': shape and dtype make %3 bytes but data_offsets span %4</translation>
    </message>
    <message>
        <source>safetensors file %1: the file is %2 bytes, too short to hold a header (truncated?)</source>
        <translation>safetensors file %1: the file is %2 bytes, too short to hold a header (truncated?)</translation>
    </message>
    <message>
        <source>safetensors file %1: the header claims %2 bytes, more than the %3 allowed</source>
        <translation>safetensors file %1: the header claims %2 bytes, more than the %3 allowed</translation>
    </message>
    <message>
        <source>safetensors file %1: the header claims %2 bytes but the file has only %3 after the length field (truncated?)</source>
        <translation>safetensors file %1: the header claims %2 bytes but the file has only %3 after the length field (truncated?)</translation>
    </message>
    <message>
        <source>safetensors file %1: the header does not start with '{'</source>
        <translation>safetensors file %1: the header does not start with '{'</translation>
    </message>
    <message>
        <source>safetensors file %1: the header is not a JSON object</source>
        <translation>safetensors file %1: the header is not a JSON object</translation>
    </message>
    <message>
        <source>safetensors file %1: __metadata__ is not an object</source>
        <translation>safetensors file %1: __metadata__ is not an object</translation>
    </message>
    <message>
        <source>safetensors file %1: the __metadata__ value of '%2' is not a string</source>
        <translation>safetensors file %1: the __metadata__ value of '%2' is not a string</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its bytes overlap another tensor's</source>
        <translation>safetensors file %1: tensor '%2': its bytes overlap another tensor's</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2' leaves a gap of unclaimed bytes before it</source>
        <translation>safetensors file %1: tensor '%2' leaves a gap of unclaimed bytes before it</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its bytes end at %3, past the %4 data bytes in the file (truncated?)</source>
        <translation>safetensors file %1: tensor '%2': its bytes end at %3, past the %4 data bytes in the file (truncated?)</translation>
    </message>
    <message>
        <source>safetensors file %1: %2 bytes after the last tensor belong to none</source>
        <translation>safetensors file %1: %2 bytes after the last tensor belong to none</translation>
    </message>
    <message>
        <source>the %1 weights do not match its config.json
  missing (%2):%3
  wrong shape (%4):%5
  unexpected (%6):%7
  Is this folder's %1 from an SDXL-family model, and complete?</source>
        <translation>the %1 weights do not match its config.json
  missing (%2):%3
  wrong shape (%4):%5
  unexpected (%6):%7
  Is this folder's %1 from an SDXL-family model, and complete?</translation>
    </message>
    <message>
        <source>the %1 weights do not match its config.json
  missing (%2):%3
  wrong shape (%4):%5
  unexpected (%6):%7
  Is %8 from an SDXL-family model, and complete?</source>
        <translation>the %1 weights do not match its config.json
  missing (%2):%3
  wrong shape (%4):%5
  unexpected (%6):%7
  Is %8 from an SDXL-family model, and complete?</translation>
    </message>
    <message>
        <source>%1: "%2" needs one entry per encoder_block_out_channels entry</source>
        <translation>%1: "%2" needs one entry per encoder_block_out_channels entry</translation>
    </message>
    <message>
        <source>%1: "%2" needs one entry per decoder_block_out_channels entry</source>
        <translation>%1: "%2" needs one entry per decoder_block_out_channels entry</translation>
    </message>
    <message>
        <source>%1 is missing or unreadable</source>
        <translation>%1 is missing or unreadable</translation>
    </message>
    <message>
        <source>%1 is not a JSON object</source>
        <translation>%1 is not a JSON object</translation>
    </message>
    <message>
        <source>%1: "%2" must be an integer</source>
        <translation>%1: "%2" must be an integer</translation>
    </message>
    <message>
        <source>%1: "%2" is %3, outside the supported %4..%5</source>
        <translation>%1: "%2" is %3, outside the supported %4..%5</translation>
    </message>
    <message>
        <source>%1: "%2" must be a number</source>
        <translation>%1: "%2" must be a number</translation>
    </message>
    <message>
        <source>%1: "%2" must be true or false</source>
        <translation>%1: "%2" must be true or false</translation>
    </message>
    <message>
        <source>%1: "%2" must be a string</source>
        <translation>%1: "%2" must be a string</translation>
    </message>
    <message>
        <source>%1: "%2" must be a list of 1 to 64 integers</source>
        <translation>%1: "%2" must be a list of 1 to 64 integers</translation>
    </message>
    <message>
        <source>%1: "%2" must hold integers only</source>
        <translation>%1: "%2" must hold integers only</translation>
    </message>
    <message>
        <source>%1: "%2" holds %3, outside the supported %4..%5</source>
        <translation>%1: "%2" holds %3, outside the supported %4..%5</translation>
    </message>
    <message>
        <source>%1: "%2" must have one value per block (%3)</source>
        <translation>%1: "%2" must have one value per block (%3)</translation>
    </message>
    <message>
        <source>%1: "%2" must be a list of 1 to 64 names</source>
        <translation>%1: "%2" must be a list of 1 to 64 names</translation>
    </message>
    <message>
        <source>%1: "%2" must hold names only</source>
        <translation>%1: "%2" must hold names only</translation>
    </message>
    <message>
        <source>%1: "%2" and up_block_types need one entry per block_out_channels entry</source>
        <translation>%1: "%2" and up_block_types need one entry per block_out_channels entry</translation>
    </message>
    <message>
        <source>%1: "%2" holds '%3', which is not supported</source>
        <translation>%1: "%2" holds '%3', which is not supported</translation>
    </message>
    <message>
        <source>%1: "%2" must be UNetMidBlock2DCrossAttn</source>
        <translation>%1: "%2" must be UNetMidBlock2DCrossAttn</translation>
    </message>
    <message>
        <source>%1: "%2" does not divide block_out_channels</source>
        <translation>%1: "%2" does not divide block_out_channels</translation>
    </message>
    <message>
        <source>%1: "%2" must be text_time or null</source>
        <translation>%1: "%2" must be text_time or null</translation>
    </message>
    <message>
        <source>%1: "%2" is set; only null is supported</source>
        <translation>%1: "%2" is set; only null is supported</translation>
    </message>
    <message>
        <source>%1: "%2" must be positional</source>
        <translation>%1: "%2" must be positional</translation>
    </message>
    <message>
        <source>%1: "%2" must be default</source>
        <translation>%1: "%2" must be default</translation>
    </message>
    <message>
        <source>%1: "%2" and conv_out_kernel must be 3</source>
        <translation>%1: "%2" and conv_out_kernel must be 3</translation>
    </message>
    <message>
        <source>%1: "%2" must be silu</source>
        <translation>%1: "%2" must be silu</translation>
    </message>
    <message>
        <source>%1: "%2" needs one entry per block_out_channels entry</source>
        <translation>%1: "%2" needs one entry per block_out_channels entry</translation>
    </message>
    <message>
        <source>%1: "%2" holds '%3'; only %4 is supported</source>
        <translation>%1: "%2" holds '%3'; only %4 is supported</translation>
    </message>
    <message>
        <source>%1: "%2" must be true</source>
        <translation>%1: "%2" must be true</translation>
    </message>
    <message>
        <source>%1: "%2" does not divide hidden_size</source>
        <translation>%1: "%2" does not divide hidden_size</translation>
    </message>
    <message>
        <source>%1: "%2" must be scaled_linear or linear</source>
        <translation>%1: "%2" must be scaled_linear or linear</translation>
    </message>
    <message>
        <source>%1: "%2" is not supported</source>
        <translation>%1: "%2" is not supported</translation>
    </message>
    <message>
        <source>%1: "%2" must be epsilon or v_prediction</source>
        <translation>%1: "%2" must be epsilon or v_prediction</translation>
    </message>
    <message>
        <source>%1: "%2" must be leading, linspace or trailing</source>
        <translation>%1: "%2" must be leading, linspace or trailing</translation>
    </message>
    <message>
        <source>%1: "%2" must be linear</source>
        <translation>%1: "%2" must be linear</translation>
    </message>
    <message>
        <source>%1 is damaged or cut short: its %2 chunk claims %3 bytes, more than the file holds</source>
        <translation>%1 is damaged or cut short: its %2 chunk claims %3 bytes, more than the file holds</translation>
    </message>
</context>
<context>
    <name>sdxl::ui</name>
    <message>
        <source>after %1% of the steps</source>
        <translation>after %1% of the steps</translation>
    </message>
    <message>
        <source>every %1 steps</source>
        <translation>every %1 steps</translation>
    </message>
    <message>
        <source>default attention</source>
        <translation>default attention</translation>
    </message>
    <message>
        <source>model offload</source>
        <translation>model offload</translation>
    </message>
    <message>
        <source>sequential offload</source>
        <translation>sequential offload</translation>
    </message>
    <message>
        <source>Approximate: %1</source>
        <translation>Approximate: %1</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::CompareView</name>
    <message>
        <source>The seed article's rows</source>
        <translation>The seed article's rows</translation>
    </message>
    <message>
        <source>Quick: 1 image, 512×512, 8 steps, 2 runs</source>
        <translation>Quick: 1 image, 512×512, 8 steps, 2 runs</translation>
    </message>
    <message>
        <source>Single: 1 image, 1024×1024, 30 steps, 3 runs</source>
        <translation>Single: 1 image, 1024×1024, 30 steps, 3 runs</translation>
    </message>
    <message>
        <source>Seed article: 4 images, 1024×1024, 50 steps, 3 runs</source>
        <translation>Seed article: 4 images, 1024×1024, 50 steps, 3 runs</translation>
    </message>
    <message>
        <source>Run comparison</source>
        <translation>Run comparison</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Choose configurations and run them on the current model.</source>
        <translation>Choose configurations and run them on the current model.</translation>
    </message>
    <message>
        <source>Check at least one configuration.</source>
        <translation>Check at least one configuration.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Export JSON…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Export PNG…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>Export JSON</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>Export PNG</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>Configurations</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>configuration</translation>
    </message>
    <message>
        <source>latency (s)</source>
        <translation>latency (s)</translation>
    </message>
    <message>
        <source>encode (s)</source>
        <translation>encode (s)</translation>
    </message>
    <message>
        <source>denoise (s)</source>
        <translation>denoise (s)</translation>
    </message>
    <message>
        <source>decode (s)</source>
        <translation>decode (s)</translation>
    </message>
    <message>
        <source>peak allocated (GB)</source>
        <translation>peak allocated (GB)</translation>
    </message>
    <message>
        <source>peak reserved (GB)</source>
        <translation>peak reserved (GB)</translation>
    </message>
    <message>
        <source>speed-up</source>
        <translation>speed-up</translation>
    </message>
    <message>
        <source>memory saved (GB)</source>
        <translation>memory saved (GB)</translation>
    </message>
    <message>
        <source>Done on %1.</source>
        <translation>Done on %1.</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>failed: %1</translation>
    </message>
    <message>
        <source>device used (GB)</source>
        <translation>device used (GB)</translation>
    </message>
    <message>
        <source>The row the speed-up and the memory saved are measured against (rows that failed cannot be one).</source>
        <translation>The row the speed-up and the memory saved are measured against (rows that failed cannot be one).</translation>
    </message>
    <message>
        <source>Open report…</source>
        <translation>Open report…</translation>
    </message>
    <message>
        <source>A report measured elsewhere (sdxl-cli bench --json, for instance on a GPU server), shown as if it ran here, with the reference rows it carries.</source>
        <translation>A report measured elsewhere (sdxl-cli bench --json, for instance on a GPU server), shown as if it ran here, with the reference rows it carries.</translation>
    </message>
    <message>
        <source>Open a benchmark report</source>
        <translation>Open a benchmark report</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notes</translation>
    </message>
    <message>
        <source>Finding the smallest memory limit of %1…</source>
        <translation>Finding the smallest memory limit of %1…</translation>
    </message>
    <message>
        <source>Running %1 (%2 of %3), run %4…</source>
        <translation>Running %1 (%2 of %3), run %4…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>%1 (the rows measured before are kept)</source>
        <translation>%1 (the rows measured before are kept)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 could not be read: %2</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>%1 could not be opened: %2</translation>
    </message>
    <message>
        <source>Opened %1, measured on %2.</source>
        <translation>Opened %1, measured on %2.</translation>
    </message>
    <message>
        <source>Protocol %1 on %2, %3 · %4</source>
        <translation>Protocol %1 on %2, %3 · %4</translation>
    </message>
    <message>
        <source>approximate</source>
        <translation>approximate</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 could not be written: %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Saved %1.</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 could not be written.</translation>
    </message>
    <message>
        <source>error vs exact</source>
        <translation>error vs exact</translation>
    </message>
    <message>
        <source>What an approximate configuration costs: the relative difference of its final latents from those of the same configuration without its approximate switches, run in the same comparison on the same request. Beside the speed-up, so you can choose.</source>
        <translation>What an approximate configuration costs: the relative difference of its final latents from those of the same configuration without its approximate switches, run in the same comparison on the same request. Beside the speed-up, so you can choose.</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exact</translation>
    </message>
    <message>
        <source>Add %1 to the comparison to measure this configuration's error.</source>
        <translation>Add %1 to the comparison to measure this configuration's error.</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::GalleryPanel</name>
    <message>
        <source>View</source>
        <translation>View</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <source>Reuse parameters</source>
        <translation>Reuse parameters</translation>
    </message>
    <message>
        <source>Open output folder</source>
        <translation>Open output folder</translation>
    </message>
    <message>
        <source>Save image as</source>
        <translation>Save image as</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>(not saved)</source>
        <translation>(not saved)</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Could not read %1: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <source>Use as image</source>
        <translation>Use as image</translation>
    </message>
    <message>
        <source>Zoom: Ctrl++ and Ctrl+- step it, Ctrl+0 shows the image at its size</source>
        <translation>Zoom: Ctrl++ and Ctrl+- step it, Ctrl+0 shows the image at its size</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>&amp;Zoom</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Search the prompts of the images in the output folder</source>
        <translation>Search the prompts of the images in the output folder</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::GenerationWorker</name>
    <message>
        <source>generation cancelled</source>
        <translation>generation cancelled</translation>
    </message>
    <message>
        <source>out of memory: %1</source>
        <translation>out of memory: %1</translation>
    </message>
    <message>
        <source>the computer ran out of memory (RAM). Try fewer images or a smaller size, or close other programs.</source>
        <translation>the computer ran out of memory (RAM). Try fewer images or a smaller size, or close other programs.</translation>
    </message>
    <message>
        <source>unexpected error in a tensor operation: %1</source>
        <translation>unexpected error in a tensor operation: %1</translation>
    </message>
    <message>
        <source>unexpected error: %1</source>
        <translation>unexpected error: %1</translation>
    </message>
    <message>
        <source>unexpected error of an unknown kind</source>
        <translation>unexpected error of an unknown kind</translation>
    </message>
    <message>
        <source>The output folder %1 could not be created.</source>
        <translation>The output folder %1 could not be created.</translation>
    </message>
    <message>
        <source>%1 is not a usable SDXL model:%2</source>
        <translation>%1 is not a usable SDXL model:%2</translation>
    </message>
    <message>
        <source>the VAE %1 is not a VAE: it is %2</source>
        <translation>the VAE %1 is not a VAE: it is %2</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::GridView</name>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>values, separated by commas (or |); ranges: 1-5, 10-30 (+10)</source>
        <translation>values, separated by commas (or |); ranges: 1-5, 10-30 (+10)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Seeds, steps, guidance and LoRA weights take ranges: 1-5, 10-30 (+10). Prompt S/R: the first value is found in the prompt and each value replaces it. Samplers: euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddim, unipc. Sizes: 1024x1024. Optimizations: configuration names such as fp16_compile_vae_slicing. Checkpoints: files or names of the models folder.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Seeds, steps, guidance and LoRA weights take ranges: 1-5, 10-30 (+10). Prompt S/R: the first value is found in the prompt and each value replaces it. Samplers: euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddim, unipc. Sizes: 1024x1024. Optimizations: configuration names such as fp16_compile_vae_slicing. Checkpoints: files or names of the models folder.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Run grid</source>
        <translation>Run grid</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The prompt and settings of the Studio tab, with each combination of the axes' values.</source>
        <translation>The prompt and settings of the Studio tab, with each combination of the axes' values.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Export PNG…</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Export JSON…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Making %n image(s)…</source>
        <translation><numerusform>Making %n image(s)…</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%1 of %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n image(s); they are kept.</source>
        <translation><numerusform>Cancelled after %n image(s); they are kept.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) on %1.</source>
        <translation><numerusform>%n image(s) on %1.</numerusform></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>failed: %1</translation>
    </message>
    <message>
        <source>%1 s · %2 GB allocated
%3 GB reserved · %4 GB device</source>
        <translation>%1 s · %2 GB allocated
%3 GB reserved · %4 GB device</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Saved %1.</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 could not be written.</translation>
    </message>
    <message>
        <source>not made</source>
        <translation>not made</translation>
    </message>
    <message>
        <source>Open JSON…</source>
        <translation>Open JSON…</translation>
    </message>
    <message>
        <source>A grid made elsewhere, as `sdxl-cli grid` writes it on a GPU server, or exported here</source>
        <translation>A grid made elsewhere, as `sdxl-cli grid` writes it on a GPU server, or exported here</translation>
    </message>
    <message>
        <source>Open a grid</source>
        <translation>Open a grid</translation>
    </message>
    <message>
        <source>no image</source>
        <translation>no image</translation>
    </message>
    <message>
        <source>Saved %1 and its images.</source>
        <translation>Saved %1 and its images.</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 could not be read: %2</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>%1 could not be opened: %2</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n image(s) measured on %2</source>
        <translation><numerusform>Opened %1: %n image(s) measured on %2</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>(%n image(s) could not be read)</source>
        <translation><numerusform>(%n image(s) could not be read)</numerusform></translation>
    </message>
    <message>
        <source>%1 s
(on the CPU: no GPU memory)</source>
        <translation>%1 s
(on the CPU: no GPU memory)</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::LoraPanel</name>
    <message>
        <source>LoRAs in the models folder; type to search</source>
        <translation>LoRAs in the models folder; type to search</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Text weight</source>
        <translation>Text weight</translation>
    </message>
    <message>
        <source>UNet weight</source>
        <translation>UNet weight</translation>
    </message>
    <message>
        <source>Changing LoRAs never reloads the model: they are merged into its weights and taken out exactly. &lt;lora:NAME:0.8&gt; in the prompt adds one from the models folder.</source>
        <translation>Changing LoRAs never reloads the model: they are merged into its weights and taken out exactly. &lt;lora:NAME:0.8&gt; in the prompt adds one from the models folder.</translation>
    </message>
    <message>
        <source>no LoRAs in the models folder</source>
        <translation>no LoRAs in the models folder</translation>
    </message>
    <message>
        <source>Add a LoRA</source>
        <translation>Add a LoRA</translation>
    </message>
    <message>
        <source>LoRA (*.safetensors)</source>
        <translation>LoRA (*.safetensors)</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::MainWindow</name>
    <message>
        <source>Switch on VAE slicing, model or sequential CPU offload, the Tiny AutoEncoder, or generate fewer or smaller images.</source>
        <translation>Switch on VAE slicing, model or sequential CPU offload, the Tiny AutoEncoder, or generate fewer or smaller images.</translation>
    </message>
    <message>
        <source>Change the setting named above and try again.</source>
        <translation>Change the setting named above and try again.</translation>
    </message>
    <message>
        <source>SDXL Studio</source>
        <translation>SDXL Studio</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameters</translation>
    </message>
    <message>
        <source>Optimizations</source>
        <translation>Optimizations</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>idle</translation>
    </message>
    <message>
        <source>No image yet. Choose a model, type a prompt and press Generate.</source>
        <translation>No image yet. Choose a model, type a prompt and press Generate.</translation>
    </message>
    <message>
        <source>Parameters reused; the seed is locked.</source>
        <translation>Parameters reused; the seed is locked.</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>Telemetry</source>
        <translation>Telemetry</translation>
    </message>
    <message>
        <source>A generation is running; the comparison waits for it to finish.</source>
        <translation>A generation is running; the comparison waits for it to finish.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Built-in benchmark model (random weights)</source>
        <translation>&amp;Built-in benchmark model (random weights)</translation>
    </message>
    <message>
        <source>Tiny (for CPUs)</source>
        <translation>Tiny (for CPUs)</translation>
    </message>
    <message>
        <source>Full SDXL-base size (needs a GPU)</source>
        <translation>Full SDXL-base size (needs a GPU)</translation>
    </message>
    <message>
        <source>&amp;Recent models</source>
        <translation>&amp;Recent models</translation>
    </message>
    <message>
        <source>Choose &amp;output folder…</source>
        <translation>Choose &amp;output folder…</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Output folder</translation>
    </message>
    <message>
        <source>Open output &amp;folder</source>
        <translation>Open output &amp;folder</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Studio</source>
        <translation>&amp;Studio</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Compare</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About SDXL Studio</source>
        <translation>&amp;About SDXL Studio</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) queued; they run when this one is done.</source>
        <translation><numerusform>%n request(s) queued; they run when this one is done.</numerusform></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>starting…</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>cancelling…</translation>
    </message>
    <message>
        <source>Queue another</source>
        <translation>Queue another</translation>
    </message>
    <message>
        <source>loading %1…</source>
        <translation>loading %1…</translation>
    </message>
    <message>
        <source>Choose an SDXL model folder (diffusers format)</source>
        <translation>Choose an SDXL model folder (diffusers format)</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>loading</translation>
    </message>
    <message>
        <source>encoding</source>
        <translation>encoding</translation>
    </message>
    <message>
        <source>denoising</source>
        <translation>denoising</translation>
    </message>
    <message>
        <source>decoding</source>
        <translation>decoding</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>step %1/%2 · %3 it/s · %4 s left</source>
        <translation>step %1/%2 · %3 it/s · %4 s left</translation>
    </message>
    <message>
        <source>done in %1 s (encode %2, denoise %3, decode %4)</source>
        <translation>done in %1 s (encode %2, denoise %3, decode %4)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>About SDXL Studio</source>
        <translation>About SDXL Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SDXL Studio %1&lt;/h3&gt;&lt;p&gt;Stable Diffusion XL, and what each optimization costs and buys.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;LibTorch %3&lt;br&gt;%4&lt;br&gt;%5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SDXL Studio %1&lt;/h3&gt;&lt;p&gt;Stable Diffusion XL, and what each optimization costs and buys.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;LibTorch %3&lt;br&gt;%4&lt;br&gt;%5&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be saved; they are in the gallery (Save as… writes them elsewhere).</source>
        <translation><numerusform>%n image(s) could not be saved; they are in the gallery (Save as… writes them elsewhere).</numerusform></translation>
    </message>
    <message>
        <source>Choose another output folder in the File menu.</source>
        <translation>Choose another output folder in the File menu.</translation>
    </message>
    <message>
        <source>Choose an SDXL checkpoint (.safetensors), a diffusers-format SDXL folder (the one with model_index.json), or the built-in benchmark model.</source>
        <translation>Choose an SDXL checkpoint (.safetensors), a diffusers-format SDXL folder (the one with model_index.json), or the built-in benchmark model.</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>first step %1 s after choosing</source>
        <translation>first step %1 s after choosing</translation>
    </message>
    <message>
        <source>From choosing the model to its first denoising step: checking and opening it, loading its weights, encoding the prompt.</source>
        <translation>From choosing the model to its first denoising step: checking and opening it, loading its weights, encoding the prompt.</translation>
    </message>
    <message>
        <source>Open &amp;model file…</source>
        <translation>Open &amp;model file…</translation>
    </message>
    <message>
        <source>Open model &amp;folder…</source>
        <translation>Open model &amp;folder…</translation>
    </message>
    <message>
        <source>Open &amp;VAE for this model…</source>
        <translation>Open &amp;VAE for this model…</translation>
    </message>
    <message>
        <source>Model &amp;configs for this model…</source>
        <translation>Model &amp;configs for this model…</translation>
    </message>
    <message>
        <source>Choose models f&amp;older…</source>
        <translation>Choose models f&amp;older…</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Models folder</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>loading…</translation>
    </message>
    <message>
        <source>Choose an SDXL checkpoint</source>
        <translation>Choose an SDXL checkpoint</translation>
    </message>
    <message>
        <source>SDXL checkpoints (*.safetensors);;All files (*)</source>
        <translation>SDXL checkpoints (*.safetensors);;All files (*)</translation>
    </message>
    <message>
        <source>Choose a VAE for %1</source>
        <translation>Choose a VAE for %1</translation>
    </message>
    <message>
        <source>VAE (*.safetensors)</source>
        <translation>VAE (*.safetensors)</translation>
    </message>
    <message>
        <source>Configs for a checkpoint not shaped like SDXL-base (a diffusers folder's config files)</source>
        <translation>Configs for a checkpoint not shaped like SDXL-base (a diffusers folder's config files)</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) in %1</source>
        <translation><numerusform>%n model(s) in %1</numerusform></translation>
    </message>
    <message>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled, and %n queued request(s) with it.</source>
        <translation><numerusform>Cancelled, and %n queued request(s) with it.</numerusform></translation>
    </message>
    <message>
        <source>The prompt is empty: the image comes from the seed (and the negative prompt) alone.</source>
        <translation>The prompt is empty: the image comes from the seed (and the negative prompt) alone.</translation>
    </message>
    <message>
        <source>%1 could not be loaded; back to %2.</source>
        <translation>%1 could not be loaded; back to %2.</translation>
    </message>
    <message>
        <source>done in %1 s</source>
        <translation>done in %1 s</translation>
    </message>
    <message>
        <source>A generation is running. Quit when it is done, or cancel it and quit now?</source>
        <translation>A generation is running. Quit when it is done, or cancel it and quit now?</translation>
    </message>
    <message numerus="yes">
        <source>A generation is running and %n more are queued. Quit when this one is done, or cancel them and quit now?</source>
        <translation><numerusform>A generation is running and %n more are queued. Quit when this one is done, or cancel them and quit now?</numerusform></translation>
    </message>
    <message>
        <source>Quit when done</source>
        <translation>Quit when done</translation>
    </message>
    <message>
        <source>Cancel and quit</source>
        <translation>Cancel and quit</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Keep working</translation>
    </message>
    <message>
        <source>quitting when done…</source>
        <translation>quitting when done…</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <source>%1 is not loaded: Generate tries again, or choose another model</source>
        <translation>%1 is not loaded: Generate tries again, or choose another model</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 could not be read: %2</translation>
    </message>
    <message>
        <source>%1 holds no generation parameters. To start from the picture itself, drop it on the Image tab.</source>
        <translation>%1 holds no generation parameters. To start from the picture itself, drop it on the Image tab.</translation>
    </message>
    <message>
        <source>The parameters of %1 cannot be used here: %2</source>
        <translation>The parameters of %1 cannot be used here: %2</translation>
    </message>
    <message>
        <source>it was made with the model %1</source>
        <translation>it was made with the model %1</translation>
    </message>
    <message>
        <source>Parameters of %1 (made by %2) restored; the seed is locked.</source>
        <translation>Parameters of %1 (made by %2) restored; the seed is locked.</translation>
    </message>
    <message>
        <source>Parameters of %1 (made by %2) restored; the seed is locked. Left as they were: %3.</source>
        <translation>Parameters of %1 (made by %2) restored; the seed is locked. Left as they were: %3.</translation>
    </message>
    <message>
        <source>The new language applies when this run ends.</source>
        <translation>The new language applies when this run ends.</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>Configurations</translation>
    </message>
    <message>
        <source>X/Y/Z grid</source>
        <translation>X/Y/Z grid</translation>
    </message>
    <message>
        <source>A generation is running; the grid waits for it to finish.</source>
        <translation>A generation is running; the grid waits for it to finish.</translation>
    </message>
    <message>
        <source>%1: images are noise</source>
        <translation>%1: images are noise</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::MaskPainter</name>
    <message>
        <source>Drop an image here, paste one, or send one from the gallery</source>
        <translation>Drop an image here, paste one, or send one from the gallery</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::ModelBar</name>
    <message>
        <source>The model. Type any part of a name to search the models folder.</source>
        <translation>The model. Type any part of a name to search the models folder.</translation>
    </message>
    <message>
        <source>The VAE that turns latents into the image; remembered for each model.</source>
        <translation>The VAE that turns latents into the image; remembered for each model.</translation>
    </message>
    <message>
        <source>Scan the models folder again</source>
        <translation>Scan the models folder again</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>Automatic (the model's own)</source>
        <translation>Automatic (the model's own)</translation>
    </message>
    <message>
        <source>SDXL base</source>
        <translation>SDXL base</translation>
    </message>
    <message>
        <source>SDXL refiner</source>
        <translation>SDXL refiner</translation>
    </message>
    <message>
        <source>SDXL inpainting</source>
        <translation>SDXL inpainting</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::OptimizationsPanel</name>
    <message>
        <source>Choose a preset…</source>
        <translation>Choose a preset…</translation>
    </message>
    <message>
        <source>Fastest</source>
        <translation>Fastest</translation>
    </message>
    <message>
        <source>Least VRAM</source>
        <translation>Least VRAM</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Balanced</translation>
    </message>
    <message>
        <source>As diffusers</source>
        <translation>As diffusers</translation>
    </message>
    <message>
        <source>fp16/bf16 halve the weights' memory and use tensor cores (about 9x faster than fp32 on an H100). SDXL's VAE overflows in fp16, so under fp16 it decodes in bf16 on the GPU (see Decode in fp32) and in fp32 on the CPU.</source>
        <translation>fp16/bf16 halve the weights' memory and use tensor cores (about 9x faster than fp32 on an H100). SDXL's VAE overflows in fp16, so under fp16 it decodes in bf16 on the GPU (see Decode in fp32) and in fp32 on the CPU.</translation>
    </message>
    <message>
        <source>SDPA (flash / memory-efficient)</source>
        <translation>SDPA (flash / memory-efficient)</translation>
    </message>
    <message>
        <source>Default (materialised softmax)</source>
        <translation>Default (materialised softmax)</translation>
    </message>
    <message>
        <source>SDPA never builds the tokens × tokens score matrix: faster and leaner. The default path is there to show what SDPA buys.</source>
        <translation>SDPA never builds the tokens × tokens score matrix: faster and leaner. The default path is there to show what SDPA buys.</translation>
    </message>
    <message>
        <source>Compile (CUDA graph)</source>
        <translation>Compile (CUDA graph)</translation>
    </message>
    <message>
        <source>Captures the UNet step once as a CUDA graph and replays it (no launch overhead), with its convolutions and matrix products autotuned for the request's shapes. Costs a few seconds before the first step; helps most at small batches. Needs a GPU.</source>
        <translation>Captures the UNet step once as a CUDA graph and replays it (no launch overhead), with its convolutions and matrix products autotuned for the request's shapes. Costs a few seconds before the first step; helps most at small batches. Needs a GPU.</translation>
    </message>
    <message>
        <source>None (all on the GPU)</source>
        <translation>None (all on the GPU)</translation>
    </message>
    <message>
        <source>Model CPU offload</source>
        <translation>Model CPU offload</translation>
    </message>
    <message>
        <source>Sequential CPU offload</source>
        <translation>Sequential CPU offload</translation>
    </message>
    <message>
        <source>Model offload keeps each component in host memory until it runs. Sequential offload streams each layer's weights just before use, prefetched on a side stream: the least weight memory for a small slowdown. Needs a GPU.</source>
        <translation>Model offload keeps each component in host memory until it runs. Sequential offload streams each layer's weights just before use, prefetched on a side stream: the least weight memory for a small slowdown. Needs a GPU.</translation>
    </message>
    <message>
        <source>VAE slicing</source>
        <translation>VAE slicing</translation>
    </message>
    <message>
        <source>Decodes the images one at a time: decoding memory stops growing with the number of images, for a little time.</source>
        <translation>Decodes the images one at a time: decoding memory stops growing with the number of images, for a little time.</translation>
    </message>
    <message>
        <source>VAE tiling</source>
        <translation>VAE tiling</translation>
    </message>
    <message>
        <source>Decodes overlapping tiles with blended seams, for sizes whose decode would not fit.</source>
        <translation>Decodes overlapping tiles with blended seams, for sizes whose decode would not fit.</translation>
    </message>
    <message>
        <source>Cache prompt embeddings</source>
        <translation>Cache prompt embeddings</translation>
    </message>
    <message>
        <source>Reuses the text encoders' output for a prompt seen before: no repeated encoding.</source>
        <translation>Reuses the text encoders' output for a prompt seen before: no repeated encoding.</translation>
    </message>
    <message>
        <source>Free the text encoders</source>
        <translation>Free the text encoders</translation>
    </message>
    <message>
        <source>With the cache: drops both text encoders (1.6 GB in fp16) once the embeddings exist; they come back for a new prompt.</source>
        <translation>With the cache: drops both text encoders (1.6 GB in fp16) once the embeddings exist; they come back for a new prompt.</translation>
    </message>
    <message>
        <source>Tiny AutoEncoder (TAESDXL)</source>
        <translation>Tiny AutoEncoder (TAESDXL)</translation>
    </message>
    <message>
        <source>A 10 MB decoder in place of the VAE: much less memory and time, somewhat less detail. Looks for MODEL/vae_tiny (diffusers format).</source>
        <translation>A 10 MB decoder in place of the VAE: much less memory and time, somewhat less detail. Looks for MODEL/vae_tiny (diffusers format).</translation>
    </message>
    <message>
        <source>Pr&amp;eset</source>
        <translation>Pr&amp;eset</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precision</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>Offload</source>
        <translation>Offload</translation>
    </message>
    <message>
        <source>Decode in fp32</source>
        <translation>Decode in fp32</translation>
    </message>
    <message>
        <source>SDXL's VAE overflows in fp16, so fp16 runs decode in bf16 (same range as fp32, half the memory). This decodes in fp32 instead, as diffusers does: exact, twice the decoding memory.</source>
        <translation>SDXL's VAE overflows in fp16, so fp16 runs decode in bf16 (same range as fp32, half the memory). This decodes in fp32 instead, as diffusers does: exact, twice the decoding memory.</translation>
    </message>
    <message>
        <source>Off: the switches below</source>
        <translation>Off: the switches below</translation>
    </message>
    <message>
        <source>Auto: what the device has free</source>
        <translation>Auto: what the device has free</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>&lt;p&gt;How much GPU memory a run may use. The planner picks the fastest offload, VAE slicing and tiling, and text encoder settings that fit, and holds the run to it. Whatever still runs out continues with cheaper settings instead of failing; the telemetry shows the plan and every fallback, and the image's metadata records them. Measured on an H200: the seed protocol runs in 8 GiB as fast as without a limit, and in 2 GiB at 1.2 times the time.&lt;/p&gt;</source>
        <translation>&lt;p&gt;How much GPU memory a run may use. The planner picks the fastest offload, VAE slicing and tiling, and text encoder settings that fit, and holds the run to it. Whatever still runs out continues with cheaper settings instead of failing; the telemetry shows the plan and every fallback, and the image's metadata records them. Measured on an H200: the seed protocol runs in 8 GiB as fast as without a limit, and in 2 GiB at 1.2 times the time.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>VRAM &amp;budget</source>
        <translation>VRAM &amp;budget</translation>
    </message>
    <message>
        <source>Not available here: no CUDA GPU was found.</source>
        <translation>Not available here: no CUDA GPU was found.</translation>
    </message>
    <message>
        <source>FP8 products</source>
        <translation>FP8 products</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>every </source>
        <translation>every </translation>
    </message>
    <message>
        <source> steps</source>
        <translation> steps</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Approximate&lt;/b&gt; (DeepCache). Every N-th step runs the whole UNet; the steps between reuse its deep features and compute only the outermost blocks, several times faster. Larger N: faster, further from the exact image. Not with sequential offload.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Approximate&lt;/b&gt; (DeepCache). Every N-th step runs the whole UNet; the steps between reuse its deep features and compute only the outermost blocks, several times faster. Larger N: faster, further from the exact image. Not with sequential offload.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Off: guided throughout</source>
        <translation>Off: guided throughout</translation>
    </message>
    <message>
        <source>after %1% of the steps</source>
        <translation>after %1% of the steps</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Approximate&lt;/b&gt; (diffusers' CFG cut-off). After this share of the steps the negative prompt's pass is skipped, halving those steps' cost: late steps refine detail, where guidance matters least.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Approximate&lt;/b&gt; (diffusers' CFG cut-off). After this share of the steps the negative prompt's pass is skipped, halving those steps' cost: late steps refine detail, where guidance matters least.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Approximate: faster, changes the image</source>
        <translation>Approximate: faster, changes the image</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>Step cache</translation>
    </message>
    <message>
        <source>Guidance cut-off</source>
        <translation>Guidance cut-off</translation>
    </message>
    <message>
        <source>Not available here: FP8 products need an Ada or Hopper GPU.</source>
        <translation>Not available here: FP8 products need an Ada or Hopper GPU.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Approximate, and not faster yet.&lt;/b&gt; The UNet's linear layers multiply in 8-bit floating point (E4M3) on tensor cores that have it. Each product keeps about 3 bits of mantissa, so the image changes a little. Measured slower than fp16 on an H100 (1.39 s against 0.93 s for one 1024×1024 image): quantizing the activations costs more than the faster products save. Needs an Ada or Hopper GPU; not with CPU offload. Details: docs/benchmarks.md.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Approximate, and not faster yet.&lt;/b&gt; The UNet's linear layers multiply in 8-bit floating point (E4M3) on tensor cores that have it. Each product keeps about 3 bits of mantissa, so the image changes a little. Measured slower than fp16 on an H100 (1.39 s against 0.93 s for one 1024×1024 image): quantizing the activations costs more than the faster products save. Needs an Ada or Hopper GPU; not with CPU offload. Details: docs/benchmarks.md.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::ParametersPanel</name>
    <message>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Classifier-free guidance: how strongly the image follows the prompt. 1 turns it off (half the UNet work).</source>
        <translation>Classifier-free guidance: how strongly the image follows the prompt. 1 turns it off (half the UNet work).</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Random</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>Keep this seed for the next run instead of drawing a new one</source>
        <translation>Keep this seed for the next run instead of drawing a new one</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>Si&amp;ze</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>S&amp;teps</translation>
    </message>
    <message>
        <source>&amp;Guidance</source>
        <translation>&amp;Guidance</translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation>S&amp;eed</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>&amp;Images</translation>
    </message>
    <message>
        <source>Sc&amp;heduler</source>
        <translation>Sc&amp;heduler</translation>
    </message>
    <message>
        <source>Any whole number from 0 to 18446744073709551615: the same seed and settings give the same image</source>
        <translation>Any whole number from 0 to 18446744073709551615: the same seed and settings give the same image</translation>
    </message>
    <message>
        <source>Per image: seed, seed + 1, …</source>
        <translation>Per image: seed, seed + 1, …</translation>
    </message>
    <message>
        <source>One draw for the batch (diffusers)</source>
        <translation>One draw for the batch (diffusers)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Per image (as A1111): image k of a batch uses seed + k, so any image can be made again alone. One draw: the whole batch comes from the seed at once, as diffusers draws it with one generator; image k then differs from the image of seed + k.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Per image (as A1111): image k of a batch uses seed + k, so any image can be made again alone. One draw: the whole batch comes from the seed at once, as diffusers draws it with one generator; image k then differs from the image of seed + k.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A1111's clip skip. 1 is SDXL's own choice (both encoders' penultimate layer); 2 takes one layer earlier, and so on. Some fine-tuned models ask for 2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;A1111's clip skip. 1 is SDXL's own choice (both encoders' penultimate layer); 2 takes one layer earlier, and so on. Some fine-tuned models ask for 2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A1111: scale, then restore the mean</source>
        <translation>A1111: scale, then restore the mean</translation>
    </message>
    <message>
        <source>Scale only (no mean restore)</source>
        <translation>Scale only (no mean restore)</translation>
    </message>
    <message>
        <source>ComfyUI: away from the empty prompt</source>
        <translation>ComfyUI: away from the empty prompt</translation>
    </message>
    <message>
        <source>&lt;p&gt;How weights such as (word:1.3) act on the text encoders' output. A1111 scales each token, then restores the chunk's mean; scale only skips the restore; ComfyUI moves each token away from the empty prompt's output by the weight. The same prompt gives other images in each.&lt;/p&gt;</source>
        <translation>&lt;p&gt;How weights such as (word:1.3) act on the text encoders' output. A1111 scales each token, then restores the chunk's mean; scale only skips the restore; ComfyUI moves each token away from the empty prompt's output by the weight. The same prompt gives other images in each.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation>Clip skip</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Weights</translation>
    </message>
    <message>
        <source>Hires fix</source>
        <translation>Hires fix</translation>
    </message>
    <message>
        <source>&lt;p&gt;Draw at the size above, enlarge the result by the scale, then redo part of it at the larger size (A1111's hires fix): more detail than drawing large at once, which SDXL was not trained for.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Draw at the size above, enlarge the result by the scale, then redo part of it at the larger size (A1111's hires fix): more detail than drawing large at once, which SDXL was not trained for.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>How much of the enlarged image the second pass redoes</source>
        <translation>How much of the enlarged image the second pass redoes</translation>
    </message>
    <message>
        <source>same steps</source>
        <translation>same steps</translation>
    </message>
    <message>
        <source>The second pass's steps; of these it runs the strength's share</source>
        <translation>The second pass's steps; of these it runs the strength's share</translation>
    </message>
    <message>
        <source>Latent: the latents enlarged (fast). Lanczos: the decoded image enlarged and encoded again.</source>
        <translation>Latent: the latents enlarged (fast). Lanczos: the decoded image enlarged and encoded again.</translation>
    </message>
    <message>
        <source>Refiner</source>
        <translation>Refiner</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hand the last part of the steps to an SDXL refiner (diffusers' ensemble of expert denoisers, A1111's refiner). Refiners are found in the models folder.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Hand the last part of the steps to an SDXL refiner (diffusers' ensemble of expert denoisers, A1111's refiner). Refiners are found in the models folder.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Switch at: the share of the steps the model runs before the refiner takes over</source>
        <translation>Switch at: the share of the steps the model runs before the refiner takes over</translation>
    </message>
    <message>
        <source>no refiner in the models folder</source>
        <translation>no refiner in the models folder</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::PromptPanel</name>
    <message>
        <source>Describe the image</source>
        <translation>Describe the image</translation>
    </message>
    <message>
        <source>What the image should not contain (empty: none)</source>
        <translation>What the image should not contain (empty: none)</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Prompt</translation>
    </message>
    <message>
        <source>&amp;Negative prompt</source>
        <translation>&amp;Negative prompt</translation>
    </message>
    <message>
        <source>tokens: (choose a model to count them)</source>
        <translation>tokens: (choose a model to count them)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Left empty, the negative side is zero conditioning, as diffusers makes it for SDXL base. A1111 and ComfyUI encode the empty text instead: tick the box below to do as they do (the images differ).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Left empty, the negative side is zero conditioning, as diffusers makes it for SDXL base. A1111 and ComfyUI encode the empty text instead: tick the box below to do as they do (the images differ).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Encode an empty negative prompt (as A1111, ComfyUI)</source>
        <translation>Encode an empty negative prompt (as A1111, ComfyUI)</translation>
    </message>
    <message numerus="yes">
        <source>tokens: CLIP ViT-L %1 · OpenCLIP bigG %2 · %n chunk(s) of 75</source>
        <translation><numerusform>tokens: CLIP ViT-L %1 · OpenCLIP bigG %2 · %n chunk(s) of 75</numerusform></translation>
    </message>
    <message>
        <source>Prompts of any length are encoded in chunks of 75 tokens; BREAK starts a new chunk, and a chunk that fills up just after a comma moves what follows the comma to the next.</source>
        <translation>Prompts of any length are encoded in chunks of 75 tokens; BREAK starts a new chunk, and a chunk that fills up just after a comma moves what follows the comma to the next.</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>weight %1</translation>
    </message>
    <message>
        <source>%1 "%2", weight %3: taken out of the text the encoders see</source>
        <translation>%1 "%2", weight %3: taken out of the text the encoders see</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::QueuePanel</name>
    <message>
        <source>(empty prompt)</source>
        <translation>(empty prompt)</translation>
    </message>
    <message>
        <source>%1. %2 · %3×%4 · %5 steps · seed %6</source>
        <translation>%1. %2 · %3×%4 · %5 steps · seed %6</translation>
    </message>
    <message>
        <source>Run earlier</source>
        <translation>Run earlier</translation>
    </message>
    <message>
        <source>Run later</source>
        <translation>Run later</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Take this request out of the queue</source>
        <translation>Take this request out of the queue</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::SourceImagePanel</name>
    <message>
        <source>%1 could not be read as an image: %2</source>
        <translation>%1 could not be read as an image: %2</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>Open image…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Use its size</source>
        <translation>Use its size</translation>
    </message>
    <message>
        <source>Set the width and height to the image's, cut down to multiples of 8.</source>
        <translation>Set the width and height to the image's, cut down to multiples of 8.</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>The brush's diameter, in the image's pixels.</source>
        <translation>The brush's diameter, in the image's pixels.</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Eraser</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>Clear mask</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>Invert</translation>
    </message>
    <message>
        <source>Open mask…</source>
        <translation>Open mask…</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Brush</translation>
    </message>
    <message>
        <source>Crop and resize</source>
        <translation>Crop and resize</translation>
    </message>
    <message>
        <source>Just resize</source>
        <translation>Just resize</translation>
    </message>
    <message>
        <source>An image of another size than the request's: cut to its aspect ratio and scaled, or stretched.</source>
        <translation>An image of another size than the request's: cut to its aspect ratio and scaled, or stretched.</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Strength</translation>
    </message>
    <message>
        <source>Other sizes</source>
        <translation>Other sizes</translation>
    </message>
    <message>
        <source>No image: the studio draws from noise (txt2img).</source>
        <translation>No image: the studio draws from noise (txt2img).</translation>
    </message>
    <message>
        <source>Inpainting: the red part is repainted, the rest kept.</source>
        <translation>Inpainting: the red part is repainted, the rest kept.</translation>
    </message>
    <message>
        <source>img2img: the whole image is redone. Paint to inpaint a part.</source>
        <translation>img2img: the whole image is redone. Paint to inpaint a part.</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>The clipboard holds no image.</translation>
    </message>
    <message>
        <source>Open the image first: a mask belongs to an image.</source>
        <translation>Open the image first: a mask belongs to an image.</translation>
    </message>
    <message>
        <source>The mask is %1x%2 but the image is %3x%4; a mask must be its image's size.</source>
        <translation>The mask is %1x%2 but the image is %3x%4; a mask must be its image's size.</translation>
    </message>
    <message>
        <source>Open an image to start from</source>
        <translation>Open an image to start from</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>Open image</translation>
    </message>
    <message>
        <source>Open a mask (white is repainted)</source>
        <translation>Open a mask (white is repainted)</translation>
    </message>
    <message>
        <source>Open mask</source>
        <translation>Open mask</translation>
    </message>
    <message>
        <source>How much of the image to redo: the share of the steps that run, from the image noised to their level. Low values stay close to the image; 1 redoes it all.</source>
        <translation>How much of the image to redo: the share of the steps that run, from the image noised to their level. Low values stay close to the image; 1 redoes it all.</translation>
    </message>
    <message>
        <source>Blurs the mask before it is read (A1111's mask blur): rounds its corners and lets thin strokes merge. 0 reads it as painted.</source>
        <translation>Blurs the mask before it is read (A1111's mask blur): rounds its corners and lets thin strokes merge. 0 reads it as painted.</translation>
    </message>
    <message>
        <source>Mask blur</source>
        <translation>Mask blur</translation>
    </message>
    <message>
        <source>Resize and fill</source>
        <translation>Resize and fill</translation>
    </message>
    <message>
        <source>Only masked</source>
        <translation>Only masked</translation>
    </message>
    <message>
        <source>Inpaint only the area around the mask, at the full size set in Parameters, and paste it back (A1111's "Only masked"): more detail for a small area. The image keeps its size.</source>
        <translation>Inpaint only the area around the mask, at the full size set in Parameters, and paste it back (A1111's "Only masked"): more detail for a small area. The image keeps its size.</translation>
    </message>
    <message>
        <source>Pixels of the image around the mask that the area takes in</source>
        <translation>Pixels of the image around the mask that the area takes in</translation>
    </message>
    <message>
        <source>Inpaint area</source>
        <translation>Inpaint area</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::TelemetryPanel</name>
    <message>
        <source>time (s)</source>
        <translation>time (s)</translation>
    </message>
    <message>
        <source>VRAM (GB)</source>
        <translation>VRAM (GB)</translation>
    </message>
    <message>
        <source>host memory (GB)</source>
        <translation>host memory (GB)</translation>
    </message>
    <message>
        <source>allocated</source>
        <translation>allocated</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>reserved</translation>
    </message>
    <message>
        <source>device used</source>
        <translation>device used</translation>
    </message>
    <message>
        <source>device total</source>
        <translation>device total</translation>
    </message>
    <message>
        <source>process resident</source>
        <translation>process resident</translation>
    </message>
    <message>
        <source>step</source>
        <translation>step</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>latency (ms)</translation>
    </message>
    <message>
        <source>step latency</source>
        <translation>step latency</translation>
    </message>
    <message>
        <source>last run: —</source>
        <translation>last run: —</translation>
    </message>
    <message>
        <source>allocated %1 GB
reserved %2 GB
device %3 / %4 GB
peak %5 GB</source>
        <translation>allocated %1 GB
reserved %2 GB
device %3 / %4 GB
peak %5 GB</translation>
    </message>
    <message>
        <source>host memory %1 GB
(no CUDA device: VRAM not measured)</source>
        <translation>host memory %1 GB
(no CUDA device: VRAM not measured)</translation>
    </message>
    <message>
        <source>last run: %1 s, peak %2 GB</source>
        <translation>last run: %1 s, peak %2 GB</translation>
    </message>
    <message>
        <source>last run: %1 s</source>
        <translation>last run: %1 s</translation>
    </message>
    <message>
        <source>fallback</source>
        <translation>fallback</translation>
    </message>
</context>
</TS>