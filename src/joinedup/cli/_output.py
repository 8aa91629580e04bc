"""Where a command writes the file it makes: checked before the work starts, written whole or not
at all, and a path that cannot be written named in a line with exit 2.

A report takes seconds to compute, so a mistyped folder is found before the analysis rather than
after it (`check_writable`); the folder can still go, or the disc fill, while the command works, so
the write itself reports its failure the same way (`write_output`). The file is written to a
temporary file beside the target and renamed over it only when complete: no reader, no failure
and no interrupted command ever sees half a report, and a report that was there stays until the
new one replaces it.
"""

from __future__ import annotations

import os
from pathlib import Path

from joinedup.cli._common import fail


def check_writable(target: Path) -> None:
    """Stop (exit 2) if `target` plainly cannot be written: its folder is missing, is not a folder
    or cannot be written to, or the target is itself a folder."""
    folder = target.parent
    if not folder.exists():
        reason = f"there is no folder {folder}"
    elif not folder.is_dir():
        reason = f"{folder} is not a folder"
    elif target.is_dir():
        reason = "it is a folder"
    elif not os.access(folder, os.W_OK | os.X_OK):
        reason = f"the folder {folder} cannot be written to"
    else:
        return
    fail(f"cannot write {target}: {reason}")


def write_atomically(target: Path, content: bytes) -> None:
    """Write `content` to `target` through a temporary file beside it, renamed over it only when
    complete. The file gets the permissions a new file gets (the umask's), as `Path.write_bytes`
    would give it. Raises `OSError` as `Path.write_bytes` does."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_output(target: Path, content: bytes) -> None:
    """Write the command's file atomically, or stop (exit 2) naming the path and why it failed."""
    try:
        write_atomically(target, content)
    except OSError as error:
        fail(f"cannot write {target}: {error.strerror or error}")
