#!/usr/bin/env python3
"""Plain NumPy peer for `criticality-bench simulation`: the stochastic linear lattice network of
paper 003 (Appendix 8.3) sampled the direct way, drawing every weight matrix.

    python3 lattice_numpy.py NETWORKS WIDTH DEPTH SW2 SB2 SEED

Prints one JSON line: the networks timed, the wall seconds, and the mean bulk norm over layers
depth/2 .. depth (a sanity check against r* = sqrt(N sb2 / (1 - sw2)))."""
import json
import sys
import time

import numpy as np


def main():
    networks, width, depth = (int(a) for a in sys.argv[1:4])
    sw2, sb2 = float(sys.argv[4]), float(sys.argv[5])
    seed = int(sys.argv[6])
    rng = np.random.default_rng(seed)
    start_layer = depth // 2
    scale_w, scale_b = np.sqrt(sw2 / width), np.sqrt(sb2)
    norms = []
    t0 = time.perf_counter()
    for _ in range(networks):
        z = rng.standard_normal(width)
        total = 0.0
        for layer in range(1, depth + 1):
            w = rng.standard_normal((width, width)) * scale_w
            b = rng.standard_normal(width) * scale_b
            z = w @ z + b
            if layer >= start_layer:
                total += np.linalg.norm(z)
        norms.append(total / (depth - start_layer + 1))
    seconds = time.perf_counter() - t0
    print(json.dumps({"networks": networks, "seconds": seconds, "norm": float(np.mean(norms)),
                      "numpy": np.__version__}))


if __name__ == "__main__":
    main()
