"""The backward pass and SGD update both NumPy MLP peers share (mlp_numpy.py for the training
step's throughput, trainability_cells_numpy.py for whole cells): softmax cross-entropy on the
last activation, the activation's derivative from the kept outputs, plain SGD in place."""
import numpy as np


def tanh_derivative(a):
    return 1 - a * a


def backward_and_update(activations, labels, weights, biases, depth, lr, derivative=tanh_derivative):
    """activations: the input and every layer's output (the activation after all but the last);
    derivative: the activation's derivative as a function of its output."""
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
            grad = (grad @ weights[i].T) * derivative(a)
        weights[i] -= lr * gw
        biases[i] -= lr * gb
