"""A problem found in a content file, reported as `path:line: field: problem (fix)`."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    fix: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        fix = f" ({self.fix})" if self.fix else ""
        tag = "" if self.severity == ERROR else "warning: "
        return f"{self.path}:{self.line}: {self.field}: {tag}{self.message}{fix}"

    def github(self) -> str:
        """The line as a GitHub Actions workflow command, shown as an annotation on the file."""
        kind = "error" if self.severity == ERROR else "warning"
        text = f"{self.field}: {self.message}" + (f" ({self.fix})" if self.fix else "")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},title={self.field}::{text}"
