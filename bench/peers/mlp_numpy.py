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
        logits = activations[-1]
        shifted = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(shifted)
        p /= p.sum(axis=1, keepdims=True)
        grad = p
        grad[np.arange(batch), labels] -= 1
        grad /= batch
        for i in range(depth, -1, -1):
            a = activations[i]
            gw = a.T @ grad
            gb = grad.sum(axis=0)
            if i > 0:
                grad = (grad @ weights[i].T) * (1 - a * a)
            weights[i] -= lr * gw
            biases[i] -= lr * gb

    step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    elapsed = time.perf_counter() - start
    print(f"samples_per_second {steps * batch / elapsed:.3f}")


if __name__ == "__main__":
    main()
