#!/usr/bin/env python3
"""Writes SDXL's two CLIP tokenizer folders (vocab.json, merges.txt, special_tokens_map.json,
tokenizer_config.json) for the built-in benchmark model, the tests and the packages. vocab.json
and merges.txt are made from CLIP's public BPE data as the open_clip_torch wheel on PyPI ships it
(bpe_simple_vocab_16e6.txt.gz); the two small JSON files are SDXL-base's own, kept in
resources/models/sdxl-base. Every file is checked against the SHA-256 of
stabilityai/stable-diffusion-xl-base-1.0's file of the same name, so what it writes is
byte-for-byte SDXL-base's tokenizer.

  make_clip_tokenizer.py OUT_DIR            (downloads the wheel with pip, once, into OUT_DIR)
  make_clip_tokenizer.py OUT_DIR --bpe FILE (uses a local bpe_simple_vocab_16e6.txt.gz)
  make_clip_tokenizer.py --check DIR        (exit 1 unless DIR holds exactly SDXL-base's files)
"""
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile

WHEEL = "open_clip_torch==3.3.0"
HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = os.path.join(HERE, "..", "resources", "models", "sdxl-base")
# SHA-256 of stabilityai/stable-diffusion-xl-base-1.0's tokenizer files.
SDXL_BASE_SHA256 = {
    "tokenizer/vocab.json": "3f0c4f7d2086b61b38487075278ea9ed04edb53a03cbb045b86c27190fa8fb69",
    "tokenizer/merges.txt": "9fd691f7c8039210e0fced15865466c65820d09b63988b0174bfe25de299051a",
    "tokenizer/special_tokens_map.json": "8f6111f78e957222c7a00bc3b42f4bf18f5bcd12b84fa7288f8c24740b8c528b",
    "tokenizer/tokenizer_config.json": "b1919d975d32cacc51d89a26616f36461054ba0cc52c05741630e58b492b594d",
    "tokenizer_2/vocab.json": "3f0c4f7d2086b61b38487075278ea9ed04edb53a03cbb045b86c27190fa8fb69",
    "tokenizer_2/merges.txt": "9fd691f7c8039210e0fced15865466c65820d09b63988b0174bfe25de299051a",
    "tokenizer_2/special_tokens_map.json": "76b24768542e3880b6e205ae0679002e60ae8ef6e62ace07ccb6f68182f5330a",
    "tokenizer_2/tokenizer_config.json": "47231f7952bb7a2f0e5b61878b6fb80333f1acee864bd9a3255569ecfb4e6a3e",
}


def check(out):
    """The names of the files under out that are not SDXL-base's (missing or different)."""
    wrong = []
    for name, want in sorted(SDXL_BASE_SHA256.items()):
        try:
            with open(os.path.join(out, name), "rb") as f:
                got = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            got = None
        if got != want:
            wrong.append(name)
    return wrong


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
    if sys.argv[1] == "--check":
        wrong = check(sys.argv[2])
        for name in wrong:
            print(f"{os.path.join(sys.argv[2], name)} is not SDXL-base's file")
        return 1 if wrong else 0
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
    for folder in ("tokenizer", "tokenizer_2"):
        d = os.path.join(out, folder)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump({t: i for i, t in enumerate(vocab)}, f, ensure_ascii=False)
        with open(os.path.join(d, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n" + "\n".join(" ".join(m) for m in merges) + "\n")
        for name in ("special_tokens_map.json", "tokenizer_config.json"):
            shutil.copyfile(os.path.join(CONFIGS, folder, name), os.path.join(d, name))
    wrong = check(out)
    if wrong:
        print("the tokenizer made differs from SDXL-base's in: " + ", ".join(wrong))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
