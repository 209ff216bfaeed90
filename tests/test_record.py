"""``@record`` behaves as the ``@dataclass(frozen=True)`` it replaces, side by side."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, dataclass, field
from functools import cached_property

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlops_maturity.model.record import record


class Shape:
    """The same fields for both kinds: plain, defaulted, a factory and one not compared."""

    a: int
    b: str = "b"
    c: tuple[int, ...] = field(default_factory=tuple)
    d: object = field(default=None, compare=False, repr=False)

    @cached_property
    def doubled(self) -> int:
        return self.a * 2


@record
class R(Shape):
    a: int
    b: str = "b"
    c: tuple[int, ...] = field(default_factory=tuple)
    d: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class D(Shape):
    a: int
    b: str = "b"
    c: tuple[int, ...] = field(default_factory=tuple)
    d: object = field(default=None, compare=False, repr=False)


def both(*args, **kwargs):
    return R(*args, **kwargs), D(*args, **kwargs)


@pytest.mark.parametrize("args, kwargs", [
    ((1,), {}), ((1, "x"), {}), ((1,), {"c": (1, 2)}), ((), {"a": 3, "d": "ignored"}),
    ((1, "x", (4,), "ignored"), {}),
])
def test_construction_and_repr_match(args, kwargs):
    r, d = both(*args, **kwargs)
    assert repr(r) == repr(d).replace("D(", "R(")
    assert dataclasses.asdict(r) == dataclasses.asdict(d)
    assert [f.name for f in dataclasses.fields(r)] == [f.name for f in dataclasses.fields(d)]
    assert r.doubled == d.doubled and dataclasses.is_dataclass(r)


@pytest.mark.parametrize("args, kwargs", [
    ((), {}), ((1, "x", (), None, 5), {}), ((1,), {"a": 2}), ((1,), {"e": 1}),
])
def test_bad_arguments_fail_as_for_a_dataclass(args, kwargs):
    with pytest.raises(TypeError):
        D(*args, **kwargs)
    with pytest.raises(TypeError):
        R(*args, **kwargs)


def test_frozen():
    r = R(1)
    with pytest.raises(FrozenInstanceError):
        r.a = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del r.a  # type: ignore[misc]
    assert dataclasses.replace(r, a=5) == R(5) and r.a == 1


def test_copies_and_pickles_keep_value_and_class():
    r = R(1, "x", (2,))
    for made in (pickle.loads(pickle.dumps(r)), copy.copy(r), copy.deepcopy(r)):
        assert made == r and type(made) is R


def test_post_init_runs():
    @record
    class Checked:
        n: int

        def __post_init__(self) -> None:
            if self.n < 0:
                raise ValueError("negative")

    assert Checked(1).n == 1
    with pytest.raises(ValueError):
        Checked(-1)


values = st.builds(lambda a, b, c, d: (a, b, c, d), st.integers(), st.text(max_size=3),
                   st.tuples(st.integers(0, 3)), st.none() | st.integers())


@given(values, values)
def test_equality_and_hash_match_a_dataclass(x, y):
    rx, dx = both(*x)
    ry, dy = both(*y)
    assert (rx == ry) == (dx == dy)
    assert hash(rx) == hash(dx)  # the same tuple of compared fields
    assert rx != dx  # another class is never equal, as for dataclasses
