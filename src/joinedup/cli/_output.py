"""Where a command writes the file it makes: checked before the work starts, written whole or not
at all, and a path that cannot be written named in a line with exit 2.

A report takes seconds to compute, so a mistyped folder is found before the analysis rather than
after it (`check_writable`); the folder can still go, or the disc fill, while the command works, so
the write itself reports its failure the same way (`write_output`). A regular file is written to a
temporary file beside it and renamed over it only when complete: no reader, no failure and no
interrupted command ever sees half a report, and a report that was there stays until the new one
replaces it, with the permissions it had.

A rename would replace whatever the name stands for, so the name is first taken as the person
meant it: a symbolic link is followed to the file it points to, which is the file rewritten; and a
target that exists but is not a regular file (a FIFO, `/dev/null`, a terminal, `/dev/stdout`) is
opened and written as it is, since it cannot be replaced without breaking it (as root, replacing
`/dev/null`) and holds no report to keep.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from joinedup.cli._common import fail


def _written_in_place(target: Path) -> bool:
    """Whether `target` is written by opening it rather than renaming a file over it: it exists and
    is not a regular file, or it is one of the process's own descriptors (`/dev/stdout` redirected
    to a file resolves to `/proc/self/fd/1`; renaming over the file it names would leave the shell
    holding the old one)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        return False
    return not stat.S_ISREG(mode) or os.path.realpath(target).startswith("/proc/")


def _file_meant(target: Path) -> Path:
    """The file a name stands for: where a symbolic link (and any link it points to) leads."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def check_writable(target: Path) -> None:
    """Stop (exit 2) if `target` plainly cannot be written: its folder is missing, is not a folder
    or cannot be written to, or the target is itself a folder. A target written in place (a FIFO,
    a device) needs only to be writable itself; nothing is made in its folder."""
    if _written_in_place(target):
        if os.access(target, os.W_OK):
            return
        fail(f"cannot write {target}: it cannot be written to")
    meant = _file_meant(target)
    folder = meant.parent
    if not folder.exists():
        reason = f"there is no folder {folder}"
    elif not folder.is_dir():
        reason = f"{folder} is not a folder"
    elif meant.is_dir():
        reason = "it is a folder"
    elif not os.access(folder, os.W_OK | os.X_OK):
        reason = f"the folder {folder} cannot be written to"
    else:
        return
    fail(f"cannot write {target}: {reason}")


def write_atomically(target: Path, content: bytes) -> None:
    """Write `content` to the file `target` stands for: a regular file through a temporary file
    beside it, renamed over it only when complete; a FIFO or device opened and written directly.

    A new file gets the permissions a new file gets (the umask's), as `Path.write_bytes` would give
    it; a file that was there keeps its permission bits. Raises `OSError` as `Path.write_bytes`
    does."""
    if _written_in_place(target):
        with open(target, "wb") as stream:
            stream.write(content)
        return
    meant = _file_meant(target)
    try:
        kept_mode: int | None = stat.S_IMODE(os.stat(meant).st_mode)
    except FileNotFoundError:
        kept_mode = None
    temporary = meant.with_name(f".{meant.name}.{os.getpid()}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            if kept_mode is not None:
                os.fchmod(file.fileno(), kept_mode)
            file.write(content)
        os.replace(temporary, meant)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_output(target: Path, content: bytes) -> None:
    """Write the command's file atomically, or stop (exit 2) naming the path and why it failed."""
    try:
        write_atomically(target, content)
    except OSError as error:
        fail(f"cannot write {target}: {error.strerror or error}")
