"""Peer for `criticality-bench trainability`: the default profile's trainability cells in plain NumPy.

Each cell is what the pipeline's TrainingCell does (002 section 4.1): an MLP
784 -> depth x (dense width, tanh) -> dense 10, weights N(0, sw2/fan_in), biases N(0, sb2),
softmax cross-entropy, plain SGD, Float32; real Fashion-MNIST scaled to [-0.5, 0.5], a seeded
shuffle, STEPS minibatches of BATCH; then the accuracy on the 10 000 test images and on the first
10 000 training images. The data set is read once; the cells run one after another, NumPy using
its own BLAS threads (its default). Prints one line per cell
`cell <width> <depth> <sw2> seconds <s> test_accuracy <a> cpu_seconds <c>` (c: the process's CPU time, all threads) and a last line `total_seconds <s>`.

usage: python3 trainability_cells_numpy.py DATA_DIR BATCH STEPS SB2 CELL...   (CELL = width:depth:sw2)
"""
import gzip
import sys
import time

import numpy as np

from mlp_backward import backward_and_update


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def forward(x, weights, biases, depth, keep):
    activations = [x]
    h = x
    for i, (w, b) in enumerate(zip(weights, biases)):
        h = h @ w + b
        if i < depth:
            h = np.tanh(h)
        if keep:
            activations.append(h)
    return activations if keep else h


def accuracy(x, y, weights, biases, depth, chunk):
    correct = 0
    for start in range(0, len(x), chunk):
        logits = forward(x[start:start + chunk], weights, biases, depth, keep=False)
        correct += int((logits.argmax(axis=1) == y[start:start + chunk]).sum())
    return correct / len(x)


def cell(train_x, train_y, test_x, test_y, width, depth, sw2, sb2, batch, steps, seed):
    rng = np.random.default_rng(seed)
    sizes = [train_x.shape[1]] + [width] * depth + [10]
    weights = [(rng.standard_normal((a, b)) * np.sqrt(sw2 / a)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
    biases = [(rng.standard_normal(b) * np.sqrt(sb2)).astype(np.float32) for b in sizes[1:]]
    lr = np.float32(1e-3)
    order = rng.permutation(len(train_x))
    cursor = 0
    for _ in range(steps):
        if cursor + batch > len(order):
            order = rng.permutation(len(train_x))
            cursor = 0
        index = order[cursor:cursor + batch]
        cursor += batch
        x, labels = train_x[index], train_y[index]
        activations = forward(x, weights, biases, depth, keep=True)
        backward_and_update(activations, labels, weights, biases, depth, lr)
    test = accuracy(test_x, test_y, weights, biases, depth, batch)
    accuracy(train_x[:10000], train_y[:10000], weights, biases, depth, batch)
    return test


def main():
    directory, batch, steps, sb2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    cells = [(int(w), int(d), float(s)) for w, d, s in (c.split(":") for c in sys.argv[5:])]
    start = time.perf_counter()

    def images(name):
        raw = read_idx(f"{directory}/{name}-images-idx3-ubyte.gz")
        return (raw.reshape(len(raw), -1).astype(np.float32) / np.float32(255) - np.float32(0.5))

    train_x, test_x = images("train"), images("t10k")
    train_y = read_idx(f"{directory}/train-labels-idx1-ubyte.gz").astype(np.int64)
    test_y = read_idx(f"{directory}/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    for width, depth, sw2 in cells:
        began, cpu = time.perf_counter(), time.process_time()
        test = cell(train_x, train_y, test_x, test_y, width, depth, sw2, sb2, batch, steps, seed=0)
        print(f"cell {width} {depth} {sw2} seconds {time.perf_counter() - began:.3f} test_accuracy {test:.4f} "
              f"cpu_seconds {time.process_time() - cpu:.3f}", flush=True)
    print(f"total_seconds {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
