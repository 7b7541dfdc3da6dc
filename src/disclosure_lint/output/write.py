"""`--output-file`: write the rendered output atomically.

The text goes to a temporary file in the target's own folder (so the final rename never crosses
file systems), is flushed to disk, and replaces the target with `os.replace` in one step: a reader
sees the old file or the new one, never half of either, and a failed run leaves the old file as it
was and no temporary file behind. The new file gets the old one's permissions, or the usual ones
for a new file (0666 less the umask) — not the 0600 of a temporary file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class OutputWriteError(OSError):
    """The output file could not be written; the message (Chinese, one line) names the file."""


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to `path` in UTF-8, ending with exactly the newline it has or one added, atomically."""
    target = Path(path)
    if not text.endswith("\n"):
        text += "\n"
    folder = target.parent
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputWriteError(f"无法写入输出文件 {target}：{_reason(error)}") from error
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError):
            raise OutputWriteError(f"无法写入输出文件 {target}：{_reason(error)}") from error
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_REASONS = {
    errno.ENOENT: "所在文件夹不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统只读",
    errno.ENOSPC: "磁盘空间不足",
}


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno, error.strerror or str(error))
