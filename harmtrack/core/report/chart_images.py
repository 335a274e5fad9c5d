"""The report's charts as images, drawn by the app's own chart code (matplotlib, Agg).

Drawing them (matplotlib's import included) takes about as long as gathering and laying out
the rest of the report, so a one-shot command draws them in a forked child: forked before
the data is gathered, it imports matplotlib meanwhile, then gets each chart's data through
a pipe as soon as it is gathered and sends back raw pixels while this process gathers the
rest and lays out the pages (a picture waits for its own pixels only, when its page is
drawn). The child never touches the database,
writes no file and leaves through ``os._exit`` (no exit handlers, no lock released twice).
The app, which reports progress and cancels from another thread, draws in its own process
as before (forking a process with threads is not safe).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import os
import pickle
import queue
import signal
import sys
import threading
import zlib
from collections.abc import Callable
from typing import Any

from harmtrack.core.report.charts import ChartSpec, specs_of

log = logging.getLogger(__name__)

CHART_DPI = 200
#: One chart's pixels: ((width, height), its RGB bytes deflated, their name in the PDF), or
#: None when it could not be drawn.
Pixels = tuple[tuple[int, int], bytes, str] | None


def draw_pixels(spec: ChartSpec, width: float) -> Pixels:
    """One chart drawn at the screen's own size, with the dpi chosen so that, scaled to the
    page width (points), the image has CHART_DPI pixels per inch."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    w_in, h_in = spec.size
    fig = Figure(figsize=(w_in, h_in), dpi=CHART_DPI * (width / 72.0) / w_in)
    try:
        spec.draw(fig)
    except Exception as exc:  # a chart that cannot be drawn must not sink the whole report
        # Only the error's type: its message could quote a name the user typed.
        log.warning("a report chart could not be drawn: %s", type(exc).__name__)
        return None
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = canvas.buffer_rgba()
    picture = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1)
    rgb = picture.convert("RGB").tobytes()
    # Deflated here, as reportlab's drawImage would (same level, same name), so the PDF is
    # the same byte for byte: in the child this work (and a 3 MB pipe transfer) leaves the
    # process laying out the pages (~15 ms a chart). A PNG round trip gains nothing.
    name = hashlib.md5(rgb + b"None", usedforsecurity=False).hexdigest()
    return picture.size, zlib.compress(rgb), name


def place_image(canv: Any, pixels: Pixels, width: float, height: float) -> None:
    """Draw deflated pixels at (0, 0) scaled to width x height, as ``canv.drawImage`` does
    an RGB ImageReader without a mask: one image XObject per picture, named by its pixels."""
    if pixels is None:  # a chart that could not be drawn leaves its space blank
        return
    from reportlab.pdfbase.pdfdoc import PDFImageXObject

    (w, h), deflated, name = pixels
    doc = canv._doc  # reportlab's own drawImage steps, less its deflating
    registered = doc.getXObjectName(name)
    if registered not in doc.idToObject:
        image = PDFImageXObject(name)
        image.width, image.height, image.bitsPerComponent = w, h, 8
        image.colorSpace, image._filters, image.mask = "DeviceRGB", ("FlateDecode",), None
        image.streamContent = deflated
        canv._setXObjects(image)
        doc.Reference(image, registered)
        doc.addForm(name, image)
    canv.saveState()
    canv.translate(0, 0)
    canv.scale(width, height)
    canv.doForm(name)
    canv.restoreState()


def can_fork() -> bool:
    """Forking is safe only where there is fork and no other thread (the command line)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class ChildCharts:
    """Charts drawn in a forked child, started before the data is gathered so that it
    imports matplotlib meanwhile. ``send`` hands it charts as soon as they are gathered
    (each trackable's during gathering, the scores' later); ``get(i)`` waits for the i-th
    chart's pixels only, so a page is laid out while the child draws the next chart. A
    chart the child did not send (it died) is drawn here, so a report never loses a chart
    to the child. ``close`` tells the child nothing more is coming.
    """

    def __init__(self) -> None:
        self.specs: list[ChartSpec] = []
        self.width = 0.0
        self.got: list[Pixels] = []
        self.sent = 0  # how many of the report's charts (in page order) the child has had
        self.arrived = threading.Condition()
        self.finished = False  # the child has gone: nothing more will arrive
        self.closed = False
        to_child, self.inbox = os.pipe()
        self.outbox, from_child = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: draw, send, leave without running anything else
            code = 1
            try:
                os.close(self.inbox)
                os.close(self.outbox)
                child_main(to_child, from_child)
                code = 0
            finally:
                os._exit(code)
        os.close(to_child)
        os.close(from_child)
        self.outgoing: queue.SimpleQueue[Any] | None = None
        self.threads: list[threading.Thread] = []

    def send(self, gathered: list[tuple[int, Any]], width: float) -> None:
        """Give the child the charts of ``gathered`` (the report's, in page order) it has
        not had yet; what it does not send back is drawn here."""
        new = gathered[self.sent:]
        self.sent, self.width = len(gathered), width
        self.specs += specs_of(new)
        if self.outgoing is None:
            # Written and read in threads: a pipe holds 64 KiB, a chart is a few MB, and the
            # child reads nothing while it is still importing.
            self.outgoing = queue.SimpleQueue()
            self.threads = [threading.Thread(target=self.write, args=(self.outgoing,), daemon=True),
                            threading.Thread(target=self.read, daemon=True)]
            for thread in self.threads:
                thread.start()
        if new:
            self.outgoing.put((new, width))

    def write(self, outgoing: queue.SimpleQueue[Any]) -> None:
        try:
            with os.fdopen(self.inbox, "wb") as sink:
                while (message := outgoing.get()) is not None:
                    pickle.dump(message, sink, protocol=pickle.HIGHEST_PROTOCOL)
                    sink.flush()
        except OSError:
            pass  # the child stopped early: what it did not send is drawn here

    def read(self) -> None:
        try:
            with os.fdopen(self.outbox, "rb") as source:
                while True:
                    pixels = pickle.load(source)
                    with self.arrived:
                        self.got.append(pixels)
                        self.arrived.notify_all()
        except (EOFError, OSError, pickle.PickleError):
            pass  # the child has gone (done, or stopped early)
        finally:
            with self.arrived:
                self.finished = True
                self.arrived.notify_all()
            if self.outgoing is not None:
                self.outgoing.put(None)  # nobody reads any more: the writer stops too
            self.reap()

    def get(self, i: int) -> Pixels:
        with self.arrived:
            while len(self.got) <= i and not self.finished and self.outgoing is not None:
                self.arrived.wait()
            if i < len(self.got):
                return self.got[i]
        return draw_pixels(self.specs[i], self.width)

    def close(self) -> None:
        """Tell the child nothing more is coming and wait for it to leave, once it has
        drawn what it was given (nothing is left by then when the report was written);
        one that was given nothing (the report failed or was refused) goes at once."""
        if self.closed:  # once only: its pipes' numbers may belong to other files by now
            return
        self.closed = True
        if self.outgoing is not None:
            self.outgoing.put(None)
            for thread in self.threads:  # no child outlives the command (nor holds its stderr)
                thread.join()
            return
        for fd in (self.inbox, self.outbox):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):  # it is only importing: no need to wait for that
            os.kill(self.pid, signal.SIGKILL)
        self.reap()

    def reap(self) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def child_main(inbox: int, outbox: int) -> None:
    """In the child: import the drawing code while the parent gathers, then draw each
    batch of charts as it comes, until the parent closes the pipe."""
    import matplotlib.artist

    # matplotlib writes the docstring of every artist's set() from its setters' docstrings
    # as each class is made: a third of its import (0.33 -> 0.23 s CPU here). This process
    # only draws and then ends, so nobody reads those docstrings.
    if "matplotlib.figure" not in sys.modules:
        matplotlib.artist.kwdoc = lambda artist: ""
    import matplotlib.backends.backend_agg  # noqa: F401 - imported now, used by draw_pixels
    import matplotlib.figure  # noqa: F401
    import PIL.Image  # noqa: F401

    importlib.import_module("harmtrack.core.charts.drawing")
    with os.fdopen(inbox, "rb") as source, os.fdopen(outbox, "wb") as out:
        while True:
            try:
                gathered, width = pickle.load(source)
            except EOFError:  # the parent has nothing more to send
                return
            for spec in specs_of(gathered):
                pickle.dump(draw_pixels(spec, width), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()  # the parent lays out this chart's page while the next is drawn


def picture_class() -> Any:
    """A platypus Flowable drawing a chart's pixels (``Pixels``) at a fixed size (Image
    wants a file), made lazily (reportlab import)."""
    from reportlab.platypus import Flowable

    class Picture(Flowable):
        def __init__(self, source: Callable[[], Any], width: float, height: float) -> None:
            super().__init__()
            self.source, self.width, self.height = source, width, height

        def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            place_image(self.canv, self.source(), self.width, self.height)

    return Picture
