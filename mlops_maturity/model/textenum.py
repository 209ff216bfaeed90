"""The base of every enum the tool shows or serialises: a ``str`` that reads as its value.

A plain ``(str, Enum)`` prints as ``Kind.MEMBER`` in some places and as its value in others,
depending on the Python version and on whether ``str()`` or ``format()`` is used. Templates,
JSON and messages must all see the value, so this base says so once.
"""

from __future__ import annotations

import enum


class TextEnum(str, enum.Enum):
    """An enum whose members are their values wherever text is made from them."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)
