"""Guards against defects in the installed Qt bindings that would crash a long session."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QPushButton


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_calling_qt_methods_leaves_none_alone(qapp) -> None:
    """Each Qt call that returns nothing must hand back a None it owns a reference to.

    PySide6 6.12.0 does not: every such call takes one reference off None, and after tens
    of thousands of them (an afternoon of use) Python aborts with "none_dealloc".
    """
    button = QPushButton("x")
    calls = 1000  # few enough that a faulty version fails this test rather than crashing
    before = sys.getrefcount(None)
    for _ in range(calls):
        button.setText("y")
    after = sys.getrefcount(None)
    assert abs(after - before) < calls // 10, (before, after)
