"""The report's charts as images, drawn by the app's own chart code (matplotlib, Agg).

Drawing them (matplotlib's import included) takes about as long as laying out the rest of
the report, so a one-shot command draws them in a forked child while this process lays out
the pages: a picture waits for its pixels only when its page is drawn. The child gets the
gathered chart data with the fork and sends back raw pixels through a pipe; it never touches
the database, writes no file and leaves through ``os._exit`` (no exit handlers, no lock
released twice). The app, which reports progress and cancels from another thread, draws
in its own process as before (forking a process with threads is not safe).
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
from collections.abc import Callable
from typing import Any

from harmtrack.core.report.charts import ChartSpec

log = logging.getLogger(__name__)

CHART_DPI = 200
#: One chart's pixels: ((width, height), RGB bytes), or None when it could not be drawn.
Pixels = tuple[tuple[int, int], bytes] | None


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
    # Raw pixels: a PNG round trip (encode here, decode there) costs ~0.1 s a chart and
    # gains nothing, as the PDF stores them deflated anyway.
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = canvas.buffer_rgba()
    picture = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1)
    rgb = picture.convert("RGB")
    return rgb.size, rgb.tobytes()


def reader_of(pixels: Pixels) -> Any:
    """A reportlab ImageReader for the pixels (None for a chart that could not be drawn)."""
    if pixels is None:
        return None
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    return ImageReader(Image.frombytes("RGB", *pixels))


def can_fork() -> bool:
    """Forking is safe only where there is fork and no other thread (the command line)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class ChildCharts:
    """Charts drawn in a forked child; ``get(i)`` waits for the i-th chart's pixels.

    A chart the child could not send (it died) is drawn here instead, so a report never
    loses a chart to the child.
    """

    def __init__(self, specs: list[ChartSpec], width: float) -> None:
        self.specs, self.width = specs, width
        self.got: list[Pixels] = []
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: draw, send, leave without running anything else
            code = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as out:
                    for spec in specs:
                        pickle.dump(draw_pixels(spec, width), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        # Read as the child writes (a pipe holds 64 KiB; a chart is a few MB).
        self.reader = threading.Thread(target=self.receive, args=(read_end,), daemon=True)
        self.reader.start()

    def receive(self, fd: int) -> None:
        try:
            with os.fdopen(fd, "rb") as source:
                while len(self.got) < len(self.specs):
                    self.got.append(pickle.load(source))
        except (EOFError, OSError, pickle.UnpicklingError):
            pass  # the child stopped early: what it did not send is drawn here
        finally:
            os.waitpid(self.pid, 0)

    def get(self, i: int) -> Pixels:
        self.reader.join()
        if i < len(self.got):
            return self.got[i]
        return draw_pixels(self.specs[i], self.width)


def picture_class() -> Any:
    """A platypus Flowable drawing a bitmap at a fixed size (Image wants a file, not pixels),
    made lazily (reportlab import)."""
    from reportlab.platypus import Flowable

    class Picture(Flowable):
        def __init__(self, source: Callable[[], Any], width: float, height: float) -> None:
            super().__init__()
            self.source, self.width, self.height = source, width, height

        def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            reader = self.source()
            if reader is not None:  # a chart that could not be drawn leaves its space blank
                self.canv.drawImage(reader, 0, 0, self.width, self.height)

    return Picture
