"""Independent, order-free random streams: one generator per (seed, name, ...) key."""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, *keys: str | int) -> np.random.Generator:
    """A generator that depends only on the seed and the keys, so adding a stream never shifts another."""
    entropy = [seed] + [zlib.crc32(str(k).encode()) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(entropy))
