"""Charts without Qt: the range presets (``ranges``), chart data per kind (``data``), the
``draw_<kind>(fig, data)`` functions (``drawing``) with their shared ``parts``, ``text``
and ``theme``. Matplotlib is imported only when drawing.

May import ``goals``, ``care`` and the packages below them.
"""
