"""Outputs appear whole or not at all: written under a temporary name, then renamed."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile


@contextlib.contextmanager
def staged(out_dir: str):
    """Yield a private folder inside ``out_dir``; on success every file in it is moved into
    ``out_dir`` (keeping sub-folders) with an atomic rename; on failure nothing is left."""
    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".kinerja-", dir=out_dir)
    try:
        yield tmp
        for root, _, files in os.walk(tmp):
            rel = os.path.relpath(root, tmp)
            target_dir = os.path.normpath(os.path.join(out_dir, rel))
            os.makedirs(target_dir, exist_ok=True)
            for name in files:
                os.replace(os.path.join(root, name), os.path.join(target_dir, name))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
