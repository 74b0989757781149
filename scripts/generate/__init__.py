"""Deterministic simulator of a multi-channel contact centre writing the raw extract set of the dbt sources."""

from .pipeline import Summary, generate
from .presets import PRESETS

__all__ = ["PRESETS", "Summary", "generate"]
