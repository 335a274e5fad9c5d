"""Garbage is collected on the UI thread only (a worker-thread collection can free Qt
objects off the UI thread and crash the app)."""

from __future__ import annotations

import gc
import sys
import threading
import types

from harmtrack.ui.gc_guard import MainThreadCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self
        self.thread: str | None = None

    def __del__(self) -> None:
        self.thread = threading.current_thread().name
        freed.append(self.thread)


freed: list[str] = []


def test_collection_happens_on_the_ui_thread_not_in_a_worker(qapp, qtbot) -> None:
    collector = MainThreadCollector(interval_ms=20)
    collector.threshold = (10, 10, 10)  # low, so the test need not allocate hundreds of objects
    try:
        assert not gc.isenabled()
        freed.clear()
        for _ in range(50):
            Cycle()

        def churn() -> None:  # a worker allocating a lot, as report drawing does
            junk = [[i] for i in range(200_000)]
            del junk

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert freed == []  # the worker did not trigger a collection
        qtbot.waitUntil(lambda: len(freed) == 50, timeout=3000)
        assert set(freed) == {threading.main_thread().name}
    finally:
        collector.timer.stop()
        collector.deleteLater()


def test_what_new_imports_made_is_frozen_instead_of_scanned_in_a_full_collection(qapp) -> None:
    """A screen's first imports (matplotlib) leave many long-lived objects: the next due
    full collection freezes them (gc.freeze) instead of scanning them on the UI thread;
    with no new module, a full collection is a full collection."""
    collector = MainThreadCollector(interval_ms=60_000)  # checked by hand here
    collector.threshold = (0, 0, 0)

    def full_collection_due() -> None:
        gc.collect(1)  # counts as one for generation 2
        gc.collect(0)  # and one for generation 1
        objects.append([[i] for i in range(10)])  # and new objects in generation 0

    objects: list[list[list[int]]] = []
    sys.modules["harmtrack_gc_guard_test_module"] = types.ModuleType("harmtrack_gc_guard_test_module")
    try:
        before = gc.get_freeze_count()
        full_collection_due()
        collector.check()
        assert gc.get_freeze_count() > before  # the new module's objects (and these) are frozen
        frozen = gc.get_freeze_count()
        full_collection_due()
        collector.check()
        assert gc.get_freeze_count() == frozen  # nothing new imported: collected as usual
    finally:
        del sys.modules["harmtrack_gc_guard_test_module"]
        gc.unfreeze()
        collector.timer.stop()
        collector.deleteLater()
