"""Peer for `criticality-bench training`: the same MLP training step in plain NumPy.

Network: 784 -> depth x (dense width, tanh) -> dense 10, softmax cross-entropy, plain SGD,
Float32 throughout, weights W ~ N(0, sw2/fan_in), biases N(0, sb2). Random inputs in
[-0.5, 0.5] and random labels (throughput does not depend on the data). Prints one line:
`samples_per_second <value>` measured over the steps after one warm-up step.

usage: python3 mlp_numpy.py DEPTH WIDTH BATCH STEPS
"""
import sys
import time

import numpy as np

from mlp_backward import backward_and_update


def main():
    depth, width, batch, steps = (int(a) for a in sys.argv[1:5])
    rng = np.random.default_rng(1)
    sizes = [784] + [width] * depth + [10]
    weights = [(rng.standard_normal((a, b)) * np.sqrt(1.76 / a)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
    biases = [(rng.standard_normal(b) * np.sqrt(0.05)).astype(np.float32) for b in sizes[1:]]
    x = (rng.random((batch, 784)) - 0.5).astype(np.float32)
    labels = rng.integers(0, 10, batch)
    lr = np.float32(1e-3)

    def step():
        activations = [x]
        h = x
        for i, (w, b) in enumerate(zip(weights, biases)):
            h = h @ w + b
            if i < depth:
                h = np.tanh(h)
            activations.append(h)
        backward_and_update(activations, labels, weights, biases, depth, lr)

    step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    elapsed = time.perf_counter() - start
    print(f"samples_per_second {steps * batch / elapsed:.3f}")


if __name__ == "__main__":
    main()
