"""Reading dataset files in place while recording the SHA-256 of every file read (for the model card)."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

from training.data.xlsx import read_columns


class FileLog:
    """Reads files under one data dir and remembers each file's SHA-256 by path relative to that dir."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.hashes: dict[str, str] = {}

    def read_bytes(self, relative: str) -> bytes:
        """Return the file's bytes and record its hash; each file is read from disk once per call."""
        data = (self.data_dir / relative).read_bytes()
        self.hashes[relative] = hashlib.sha256(data).hexdigest()
        return data

    def read_text(self, relative: str, encoding: str = "utf-8-sig") -> str:
        """Return the decoded text of a file (a UTF-8 BOM is dropped by default)."""
        return self.read_bytes(relative).decode(encoding)

    def read_lines(self, relative: str) -> list[str]:
        """Return the file's lines without line endings (\\r\\n or \\n)."""
        return self.read_text(relative).splitlines()

    def read_csv(self, relative: str, delimiter: str = ",") -> list[list[str]]:
        """Parse a quoted CSV/TSV file into rows of strings."""
        text = self.read_text(relative)
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))

    def read_xlsx(self, relative: str, columns: tuple[int, ...]) -> Iterator[tuple[str | None, ...]]:
        """Yield, per row of the first sheet, the text of the cells at the 0-based column indexes only."""
        return read_columns(self.read_bytes(relative), columns)


def exists(data_dir: Path, relative: str) -> bool:
    """True when the path (file or folder) exists under the data dir."""
    return (Path(data_dir) / relative).exists()
