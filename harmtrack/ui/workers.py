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
            try:
                result = self.fn(**self.kwargs)
            except BaseException as exc:  # noqa: BLE001 - reported to the UI thread
                log.info("background task failed: %s", type(exc).__name__)
                self.signals.failed.emit(exc)
            else:
                self.signals.done.emit(result)
        except RuntimeError:
            # The app quit while this ran (its signals' QObject is gone): nobody waits
            # for the result any more (seen with ``smoke`` on a loaded machine).
            log.info("background task finished after the app quit")


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


class LatestOnly:
    """One figure worked out in the background, again after each change: only the result
    of the newest request is shown, one that comes back after a newer request is dropped.

    ``run`` is a ``run_background``-like callable (``AppContext.run_background``, so
    results that arrive after the app locked are dropped too); results that arrive after
    ``owner`` (the widget showing them) is gone are dropped as well.
    """

    def __init__(self, run: Callable[..., Job], owner: QObject | None = None) -> None:
        self._run = run
        self._owner = owner
        self._requests = 0  # how many were made
        self._latest = 0  # the number of the one whose result is awaited (0: none)

    @property
    def pending(self) -> bool:
        """A request is running whose result has not been shown yet."""
        return self._latest > 0

    def request(self, fn: Callable[..., Any], on_done: Callable[[Any], None],
                on_error: Callable[[BaseException], None] | None = None, **kwargs: Any) -> Job:
        """Run ``fn(**kwargs)``; ``on_done`` gets its result unless a newer request came."""
        self._requests += 1
        self._latest = number = self._requests

        def done(result: Any) -> None:
            if number == self._latest and self._owner_alive():
                self._latest = 0
                on_done(result)

        def failed(exc: BaseException) -> None:
            if number == self._latest and self._owner_alive():
                self._latest = 0
                if on_error is not None:
                    on_error(exc)
                else:
                    log.warning("background figure failed: %s", type(exc).__name__)

        return self._run(fn, done, failed, **kwargs)

    def drop(self) -> None:
        """Forget the running request: its result will not be shown."""
        self._latest = 0

    def _owner_alive(self) -> bool:
        import shiboken6

        return self._owner is None or shiboken6.isValid(self._owner)
