"""Peer for `criticality-bench trainability`: the default profile's trainability cells in plain NumPy.

Each cell is what the pipeline's TrainingCell does with its configuration (002 section 4.1): an
MLP 784 -> depth x (dense width, activation) -> dense 10, weights N(0, sw2/fan_in) or orthogonal
with gain sqrt(sw2), biases N(0, sb2), softmax cross-entropy, plain SGD, Float32; real
Fashion-MNIST scaled to [-0.5, 0.5] ([0.25, 0.75] for sigmoid), a seeded shuffle, STEPS
minibatches of BATCH at LEARNING_RATE, the test accuracy every RECORD steps when RECORD > 0, a stop at a
non-finite loss (as ours stops a diverged cell); then the accuracy on the 10 000 test images and
on the first 10 000 training images. The data set is read once; the cells run one after another,
NumPy using its own BLAS threads (its default). Prints one line per cell
`cell <index> seconds <s> test_accuracy <a> cpu_seconds <c>` (c: the process's CPU time, all
threads) and a last line `total_seconds <s>`.

usage: python3 trainability_cells_numpy.py DATA_DIR CELL...
  CELL = activation:initialisation:width:depth:sw2:sb2:batch:steps:record:seed:learning_rate
  (activation: tanh, arctan, softsign, relu, sigmoid; initialisation: gaussian, orthogonal)
"""
import gzip
import sys
import time

import numpy as np

from mlp_backward import backward_and_update

# Each activation with its derivative written through its output y (all five are invertible
# where it matters: relu's derivative is 1 where y > 0).
ACTIVATIONS = {
    "tanh": (np.tanh, lambda y: 1 - y * y),
    "arctan": (np.arctan, lambda y: np.cos(y) ** 2),
    "softsign": (lambda x: x / (1 + np.abs(x)), lambda y: (1 - np.abs(y)) ** 2),
    "relu": (lambda x: np.maximum(x, 0), lambda y: (y > 0).astype(np.float32)),
    "sigmoid": (lambda x: 1 / (1 + np.exp(-x)), lambda y: y * (1 - y)),
}


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def forward(x, weights, biases, depth, activation, keep):
    activations = [x]
    h = x
    for i, (w, b) in enumerate(zip(weights, biases)):
        h = h @ w + b
        if i < depth:
            h = activation(h)
        if keep:
            activations.append(h)
    return activations if keep else h


def accuracy(x, y, weights, biases, depth, activation, chunk):
    correct = 0
    for start in range(0, len(x), chunk):
        logits = forward(x[start:start + chunk], weights, biases, depth, activation, keep=False)
        correct += int((logits.argmax(axis=1) == y[start:start + chunk]).sum())
    return correct / len(x)


def initial_weights(rng, fan_in, fan_out, sw2, initialisation):
    if initialisation == "orthogonal":
        q, r = np.linalg.qr(rng.standard_normal((max(fan_in, fan_out), min(fan_in, fan_out))))
        q *= np.sign(np.diag(r))
        q = q if fan_in >= fan_out else q.T
        return (q * np.sqrt(sw2)).astype(np.float32)
    return (rng.standard_normal((fan_in, fan_out)) * np.sqrt(sw2 / fan_in)).astype(np.float32)


def cell(data, spec):
    name, initialisation, width, depth, sw2, sb2, batch, steps, record, seed, learning_rate = spec
    activation, derivative = ACTIVATIONS[name]
    train_x, train_y, test_x, test_y = data
    rng = np.random.default_rng(seed)
    sizes = [train_x.shape[1]] + [width] * depth + [10]
    weights = [initial_weights(rng, a, b, sw2, initialisation) for a, b in zip(sizes, sizes[1:])]
    biases = [(rng.standard_normal(b) * np.sqrt(sb2)).astype(np.float32) for b in sizes[1:]]
    lr = np.float32(learning_rate)
    order = rng.permutation(len(train_x))
    cursor = 0
    for step in range(1, steps + 1):
        if cursor + batch > len(order):
            order = rng.permutation(len(train_x))
            cursor = 0
        index = order[cursor:cursor + batch]
        cursor += batch
        x, labels = train_x[index], train_y[index]
        activations = forward(x, weights, biases, depth, activation, keep=True)
        logits = activations[-1]
        shifted = logits - logits.max(axis=1, keepdims=True)
        loss = float(np.mean(np.log(np.exp(shifted).sum(axis=1)) - shifted[np.arange(batch), labels]))
        if not np.isfinite(loss):
            break
        backward_and_update(activations, labels, weights, biases, depth, lr, derivative)
        if record > 0 and step % record == 0 and step != steps:
            accuracy(test_x, test_y, weights, biases, depth, activation, batch)
    test = accuracy(test_x, test_y, weights, biases, depth, activation, batch)
    accuracy(train_x[:10000], train_y[:10000], weights, biases, depth, activation, batch)
    return test


def parse(text):
    name, initialisation, width, depth, sw2, sb2, batch, steps, record, seed, learning_rate = text.split(":")
    if name not in ACTIVATIONS or initialisation not in ("gaussian", "orthogonal"):
        sys.exit(f"unsupported cell {text}: activations {sorted(ACTIVATIONS)}, initialisations gaussian, orthogonal")
    return (name, initialisation, int(width), int(depth), float(sw2), float(sb2), int(batch), int(steps), int(record), int(seed), float(learning_rate))


def main():
    directory = sys.argv[1]
    cells = [parse(c) for c in sys.argv[2:]]
    start = time.perf_counter()

    def images(name):
        return read_idx(f"{directory}/{name}-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / np.float32(255)

    raw_train, raw_test = images("train"), images("t10k")
    train_y = read_idx(f"{directory}/train-labels-idx1-ubyte.gz").astype(np.int64)
    test_y = read_idx(f"{directory}/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    scaled = {}  # the data set scaled once per input interval, outside the cells' timing
    for index, spec in enumerate(cells):
        lower, upper = (0.25, 0.75) if spec[0] == "sigmoid" else (-0.5, 0.5)
        if (lower, upper) not in scaled:
            scale = lambda x: (x * np.float32(upper - lower) + np.float32(lower)).astype(np.float32)
            scaled[(lower, upper)] = (scale(raw_train), train_y, scale(raw_test), test_y)
        began, cpu = time.perf_counter(), time.process_time()
        test = cell(scaled[(lower, upper)], spec)
        print(f"cell {index} seconds {time.perf_counter() - began:.3f} test_accuracy {test:.4f} "
              f"cpu_seconds {time.process_time() - cpu:.3f}", flush=True)
    print(f"total_seconds {time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
