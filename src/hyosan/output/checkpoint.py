"""Checkpoints: a simulation's state arrays in one .npz file, written atomically."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

from .atomic import atomic_path

CHECKPOINT = "checkpoint.npz"


def save_checkpoint(path: str | os.PathLike, arrays: dict[str, np.ndarray]) -> None:
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            np.savez(f, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds as allow_pickle


class DamagedCheckpoint(ValueError):
    """A checkpoint file that cannot be read back (cut short, overwritten, not a checkpoint)."""


def load_checkpoint(path: str | os.PathLike) -> dict[str, np.ndarray]:
    try:
        with np.load(Path(path), allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
        raise DamagedCheckpoint(f"{path} cannot be read back ({type(e).__name__}: {e})") from None
