"""Writing output so that a failure leaves nothing behind: into a temporary sibling, then renamed."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Let `write` fill a temporary file beside `path`, then move it into place in one step."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_folder_atomically(folder: Path, write: Callable[[Path], object]) -> None:
    """Let `write` fill a temporary folder beside `folder` (absent or empty), then rename it into place."""
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        write(temporary)
        if folder.is_dir():
            folder.rmdir()  # empty, checked by the caller; rmdir refuses otherwise
        temporary.chmod(0o755)  # mkdtemp makes it private; open data is for everyone
        temporary.rename(folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
