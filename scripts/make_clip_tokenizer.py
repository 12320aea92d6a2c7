#!/usr/bin/env python3
"""Writes SDXL's two CLIP tokenizer folders (vocab.json, merges.txt, special_tokens_map.json,
tokenizer_config.json) from CLIP's public BPE data as the open_clip_torch wheel on PyPI ships it
(bpe_simple_vocab_16e6.txt.gz), for the built-in benchmark model and the packages. The result is
byte-for-byte the vocabulary and merges of stabilityai/stable-diffusion-xl-base-1.0 (a test
compares them when ../shared/reference is present).

  make_clip_tokenizer.py OUT_DIR            (downloads the wheel with pip, once, into OUT_DIR)
  make_clip_tokenizer.py OUT_DIR --bpe FILE (uses a local bpe_simple_vocab_16e6.txt.gz)
"""
import gzip
import json
import os
import subprocess
import sys
import zipfile

WHEEL = "open_clip_torch==3.3.0"


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    if "--bpe" in sys.argv:
        bpe_path = sys.argv[sys.argv.index("--bpe") + 1]
        with open(bpe_path, "rb") as f:
            data = f.read()
    else:
        cache = os.path.join(out, ".wheel")
        if not any(n.endswith(".whl") for n in os.listdir(cache)) if os.path.isdir(cache) else True:
            subprocess.check_call([sys.executable, "-m", "pip", "download", "-q", "--no-deps", WHEEL, "-d", cache])
        wheel = next(os.path.join(cache, n) for n in os.listdir(cache) if n.endswith(".whl"))
        with zipfile.ZipFile(wheel) as z:
            data = z.read("open_clip/bpe_simple_vocab_16e6.txt.gz")
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    merges = [tuple(m.split()) for m in lines[1:49152 - 256 - 2 + 1]]
    # CLIP's vocabulary: the 256 byte symbols, the same with "</w>", every merge, the two specials.
    vocab = bytes_to_unicode()
    vocab = vocab + [v + "</w>" for v in vocab]
    vocab += ["".join(m) for m in merges]
    vocab += ["<|startoftext|>", "<|endoftext|>"]
    special = {"content": None, "lstrip": False, "normalized": True, "rstrip": False, "single_word": False}
    for folder, pad in (("tokenizer", "<|endoftext|>"), ("tokenizer_2", "!")):
        d = os.path.join(out, folder)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump({t: i for i, t in enumerate(vocab)}, f, ensure_ascii=False)
        with open(os.path.join(d, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n" + "\n".join(" ".join(m) for m in merges) + "\n")
        # The special tokens exactly as SDXL-base's tokenizer folders declare them.
        with open(os.path.join(d, "special_tokens_map.json"), "w") as f:
            json.dump({"bos_token": dict(special, content="<|startoftext|>"),
                       "eos_token": dict(special, content="<|endoftext|>"),
                       "pad_token": pad, "unk_token": dict(special, content="<|endoftext|>")}, f, indent=2)
        with open(os.path.join(d, "tokenizer_config.json"), "w") as f:
            json.dump({"bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "pad_token": pad,
                       "unk_token": "<|endoftext|>", "model_max_length": 77, "do_lower_case": True,
                       "tokenizer_class": "CLIPTokenizer"}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
