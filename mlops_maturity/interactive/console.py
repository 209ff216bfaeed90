"""The thin terminal layer: print markup at the terminal's width, read one line.

Colour follows the terminal and ``NO_COLOR`` (https://no-color.org/); prose wraps at the
terminal's width, measured again before every screen so a resized window is followed, and
never wider than ``MAX_WIDTH`` so that lines stay readable on a wide screen. Lines are read
with ``input()``, with readline's line editing where Python has it.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")
MAX_WIDTH = 100
MIN_WIDTH = 40


class EndOfInput(Exception):
    """The terminal closed its input (Ctrl-D, or a hang-up)."""


class Terminal:
    """Where the session's screens go and its replies come from."""

    def __init__(self, stdout: TextIO | None = None) -> None:
        from rich.console import Console
        self.stream = stdout or sys.stdout
        self.color = self.stream.isatty() and "NO_COLOR" not in os.environ
        encoding = (getattr(self.stream, "encoding", None) or "ascii").lower().replace("-", "")
        self.ascii_only = encoding not in ("utf8", "utf16", "utf32")
        self.console: Console = Console(
            file=self.stream, highlight=False, soft_wrap=False, emoji=False,
            force_terminal=self.color, no_color=not self.color,
            color_system="standard" if self.color else None, legacy_windows=False)
        try:
            import readline  # noqa: F401  (line editing for input())
        except ImportError:  # pragma: no cover - Python built without it
            pass

    @property
    def width(self) -> int:
        columns = shutil.get_terminal_size((80, 24)).columns
        return max(MIN_WIDTH, min(MAX_WIDTH, columns))

    def show(self, *parts: RenderableType) -> None:
        """Print markup (or rich renderables), wrapped to the width of the terminal, with no
        blanks at the ends of lines (rich pads the cells of a table to its width)."""
        self.console.width = self.width
        with self.console.capture() as captured:
            for part in parts:
                self.console.print(part)
        text = "\n".join(_TRAILING.sub(r"\1", line) for line in captured.get().split("\n"))
        self.stream.write(text)
        self.stream.flush()

    def command(self, line: str) -> None:
        """A command to run next, on a line of its own and never broken, so that it can be
        copied whole (a long one is wrapped by the terminal alone)."""
        from rich.markup import escape
        self.console.print(f"  [bold]{escape(line)}[/bold]", soft_wrap=True)

    def blank(self) -> None:
        self.console.print()

    def raw(self, text: str) -> None:
        """Print text already rendered for this terminal (the score summary)."""
        self.stream.write(text if text.endswith("\n") else text + "\n")
        self.stream.flush()

    def ask(self, prompt: str) -> str:
        """One line typed by the user; Ctrl-D or a closed terminal raise ``EndOfInput``."""
        self.stream.flush()
        try:
            return input(prompt)
        except EOFError:
            raise EndOfInput() from None
        except OSError:  # the terminal went away under the read
            raise EndOfInput() from None
