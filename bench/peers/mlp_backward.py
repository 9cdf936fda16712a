"""The backward pass and SGD update both NumPy MLP peers share (mlp_numpy.py for the training
step's throughput, trainability_cells_numpy.py for whole cells): softmax cross-entropy on the
last activation, tanh derivatives from the kept activations, plain SGD in place."""
import numpy as np


def backward_and_update(activations, labels, weights, biases, depth, lr):
    """activations: the input and every layer's output (tanh after all but the last)."""
    batch = len(labels)
    logits = activations[-1]
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
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
