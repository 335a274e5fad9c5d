"""The one helper that runs core work off the UI thread.

The background function gets plain arguments and returns plain data; it never touches
a widget. Results and errors come back through queued signals, so the callbacks run
on the UI thread (the Anki/Picard rule: never touch the UI from a worker thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class CancelToken:
    """Checked by long core work (``if token.cancelled: ...``) to stop early."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(float, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], kwargs: dict[str, Any], signals: _Signals) -> None:
        super().__init__()
        self.fn, self.kwargs, self.signals = fn, kwargs, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(**self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - reported to the UI thread
            log.info("background task failed: %s", type(exc).__name__)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Job(QObject):
    """A running background job: cancel it, or connect to its progress."""

    def __init__(self, signals: _Signals, token: CancelToken) -> None:
        super().__init__()
        self.signals = signals
        self.token = token
        self.finished = False

    def cancel(self) -> None:
        self.token.cancel()


_live: set[Job] = set()


def run_background(fn: Callable[..., Any], on_done: Callable[[Any], None] | None = None,
                   on_error: Callable[[BaseException], None] | None = None, *,
                   on_progress: Callable[[float, str], None] | None = None,
                   with_progress: bool = False, **kwargs: Any) -> Job:
    """Run ``fn(**kwargs)`` on the thread pool; callbacks run on the UI thread.

    With ``with_progress`` the function also receives ``progress(fraction, text)`` and a
    ``token`` (CancelToken) keyword argument.
    """
    signals = _Signals()
    token = CancelToken()
    job = Job(signals, token)
    _live.add(job)

    def finish() -> None:
        job.finished = True
        _live.discard(job)

    @Slot(object)
    def done(result: Any) -> None:
        finish()
        if on_done is not None:
            on_done(result)

    @Slot(object)
    def failed(exc: BaseException) -> None:
        finish()
        if on_error is not None:
            on_error(exc)
        else:
            log.warning("unhandled background error: %s", type(exc).__name__)

    signals.done.connect(done)
    signals.failed.connect(failed)
    if on_progress is not None:
        signals.progress.connect(on_progress)
    if with_progress:
        kwargs["progress"] = lambda fraction, text="": signals.progress.emit(float(fraction), str(text))
        kwargs["token"] = token
    QThreadPool.globalInstance().start(_Task(fn, kwargs, signals))
    return job
