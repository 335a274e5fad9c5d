"""Garbage is collected on the UI thread only (a worker-thread collection can free Qt
objects off the UI thread and crash the app)."""

from __future__ import annotations

import gc
import threading

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
