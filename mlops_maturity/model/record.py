"""``@record``: a frozen dataclass that costs nothing to define.

``@dataclass(frozen=True)`` compiles six methods with ``exec`` for every class: about 0.8 ms
each on this project's machines, and the ~80 model, finding and view classes made that a fifth
of the tool's start-up. ``@record`` asks ``dataclasses`` only to collect the fields (no code is
generated) and gives every class the same few shared methods, written once below. A record is
still a dataclass to everything that asks (``fields``, ``asdict``, ``replace``, mypy through
``dataclass_transform``); it behaves as the frozen dataclass it replaces: positional or keyword
construction with defaults and default factories, equality and hashing over the compared
fields for objects of the same class, the same ``repr``, and ``FrozenInstanceError`` on
assignment. Building an instance takes a microsecond or two longer, which the tool never
notices (``tests/test_record.py`` holds both behaviours side by side).
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import MISSING, FrozenInstanceError
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # typer depends on typing_extensions, so it is there on Python 3.10
    from typing_extensions import dataclass_transform

T = TypeVar("T", bound=type)


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: T) -> T:
    """Make ``cls`` a frozen dataclass without generating code for it."""
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)  # collects the fields only
    fields = dataclasses.fields(cls)
    facts = {
        "__record_names__": tuple(f.name for f in fields),
        "__record_name_set__": frozenset(f.name for f in fields),
        "__record_compared__": tuple(f.name for f in fields if f.compare),
        "__record_shown__": tuple(f.name for f in fields if f.repr),
        "__record_defaults__": {f.name: (f.default, f.default_factory) for f in fields
                                if f.default is not MISSING or f.default_factory is not MISSING},
    }
    for name, value in (facts | _METHODS).items():
        setattr(cls, name, value)
    return cls


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    """Fields in order, as positional or keyword arguments, then defaults.

    The values go straight into the instance's ``__dict__`` (what ``object.__setattr__``
    does for a class without slots or descriptors of those names), checked as a whole rather
    than name by name: a portfolio builds a few hundred records per questionnaire.
    """
    cls = type(self)
    names: tuple[str, ...] = cls.__record_names__
    given = self.__dict__
    if args:
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__}() takes {len(names)} arguments, not {len(args)}")
        given.update(zip(names, args))
    if kwargs:
        if not cls.__record_name_set__.issuperset(kwargs):
            unknown = sorted(set(kwargs) - cls.__record_name_set__)
            raise TypeError(f"{cls.__name__}() got unexpected arguments {unknown}")
        if args and not kwargs.keys().isdisjoint(names[:len(args)]):
            twice = next(n for n in names[:len(args)] if n in kwargs)
            raise TypeError(f"{cls.__name__}() got two values for {twice!r}")
        given.update(kwargs)
    if len(given) < len(names):
        _fill_defaults(cls, given, names)
    post = getattr(self, "__post_init__", None)
    if post is not None:
        post()


def _fill_defaults(cls: type, given: dict[str, Any], names: tuple[str, ...]) -> None:
    """The fields not given take their defaults, or the call is missing an argument."""
    defaults = cls.__record_defaults__  # type: ignore[attr-defined]
    for name in names:
        if name in given:
            continue
        if name not in defaults:
            raise TypeError(f"{cls.__name__}() is missing the argument {name!r}")
        default, factory = defaults[name]
        given[name] = factory() if default is MISSING else default


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    names = self.__record_compared__
    return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, n) for n in self.__record_compared__))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__record_shown__)
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS: dict[str, Any] = {"__init__": _init, "__eq__": _eq, "__hash__": _hash, "__repr__": _repr,
            "__setattr__": _setattr, "__delattr__": _delattr}
