#!/usr/bin/env python3
"""Peer for `criticality-bench meanfield`: xi_c of tanh networks on a (sigma_w^2, sigma_b^2) grid,
written the way a physicist would with NumPy: vectorised fixed-point iteration of the q and c maps
(paper 002, Eqs. 3, 5-10) with an 80-node Gauss-Hermite rule.

usage: meanfield_grid.py GRID.json   (GRID.json: {"sw2": [...], "sb2": [...]})
prints JSON: {"seconds": compute time, "xi_c": [[...] per sb2 row], "q_star", "c_star",
              "converged": per point, false where the q or c iteration hit the 5000-step cap}
"""
import json
import sys
import time

import numpy as np
from numpy.polynomial.hermite_e import hermegauss


def solve(sw2_axis, sb2_axis, nodes=80, tol=1e-13, max_iter=5000):
    x, w = hermegauss(nodes)
    w = w / np.sqrt(2 * np.pi)                      # E[f(z)] = sum w f(x), z ~ N(0, 1)
    sw2, sb2 = np.meshgrid(np.asarray(sw2_axis, float), np.asarray(sb2_axis, float))

    # q map: q <- sw2 E[tanh(sqrt(q) z)^2] + sb2, iterated to convergence.
    q = np.ones_like(sw2)
    for _ in range(max_iter):
        q_new = sw2 * ((np.tanh(np.sqrt(q)[..., None] * x) ** 2) @ w) + sb2
        q_step = np.abs(q_new - q)
        q = q_new
        if np.max(q_step) < tol:
            break
    converged = q_step < tol

    u = np.sqrt(q)[..., None] * x
    chi1 = sw2 * (((1 - np.tanh(u) ** 2) ** 2) @ w)

    # c map on the 80 x 80 product rule, only where chi1 > 1 (ordered: c* = 1, chi_c = chi1).
    c = np.ones_like(q)
    chi_c = chi1.copy()
    chaotic = chi1 > 1
    if np.any(chaotic):
        qc, sw2c, sb2c = q[chaotic], sw2[chaotic], sb2[chaotic]
        sq = np.sqrt(qc)[:, None, None]
        z1, z2 = x[:, None], x[None, :]
        ww = w[:, None] * w[None, :]
        cc = np.full(qc.shape, 0.5)
        active = np.ones(qc.shape, bool)
        for _ in range(max_iter):
            ca = cc[active][:, None, None]
            u1 = sq[active] * z1
            u2 = sq[active] * (ca * z1 + np.sqrt(1 - ca ** 2) * z2)
            new = (sw2c[active] * np.sum(np.tanh(u1) * np.tanh(u2) * ww, axis=(1, 2)) + sb2c[active]) / qc[active]
            step = np.abs(new - cc[active])
            cc[active] = new
            idx = np.flatnonzero(active)
            active[idx[step < tol]] = False
            if not np.any(active):
                break
        converged[np.flatnonzero(chaotic.ravel())[active] // q.shape[1], np.flatnonzero(chaotic.ravel())[active] % q.shape[1]] = False
        u1 = sq * z1
        u2 = sq * (cc[:, None, None] * z1 + np.sqrt(1 - cc[:, None, None] ** 2) * z2)
        chi = sw2c * np.sum((1 - np.tanh(u1) ** 2) * (1 - np.tanh(u2) ** 2) * ww, axis=(1, 2))
        c[chaotic] = cc
        chi_c[chaotic] = chi

    with np.errstate(divide="ignore"):
        xi = np.where(chi_c < 1, -1 / np.log(chi_c), np.inf)
    return q, c, xi, converged


def main():
    grid = json.load(open(sys.argv[1]))
    start = time.perf_counter()
    q, c, xi, converged = solve(grid["sw2"], grid["sb2"])
    seconds = time.perf_counter() - start
    finite = lambda a: [[v if np.isfinite(v) else None for v in row] for row in a.tolist()]
    json.dump({"seconds": seconds, "xi_c": finite(xi), "q_star": finite(q), "c_star": finite(c),
               "converged": converged.tolist(), "iterations_cap": 5000, "numpy": np.__version__}, sys.stdout)


if __name__ == "__main__":
    main()
