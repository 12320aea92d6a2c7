"""Holds all of the GPU's free memory but KEEP GiB, so that the next process meets a card of that
size (its own CUDA context included), the way a smaller card would. Writes READY_FILE once held,
then sleeps until killed.

    python3 hold_memory.py KEEP_GIB READY_FILE
"""
import sys
import time

import torch

keep = float(sys.argv[1]) * 2**30
torch.cuda.init()
free, total = torch.cuda.mem_get_info()
held = torch.empty(int(free - keep), dtype=torch.uint8, device="cuda")
torch.cuda.synchronize()
free_after, _ = torch.cuda.mem_get_info()
with open(sys.argv[2], "w") as f:
    f.write(f"{free_after / 2**30:.3f} GiB left free of {total / 2**30:.3f}\n")
time.sleep(3600)
