"""Charts without Qt: the range presets (``ranges``), chart data per kind (``data``) with
the goal and guideline lines they are measured against (``targets``), the
``draw_<kind>(fig, data)`` functions (``drawing``, the grid charts in ``grids``) with
their shared prologue and epilogue (``frame``), ``parts``, ``text`` and ``theme``.
Matplotlib is imported only when drawing.

May import ``goals``, ``care`` and the packages below them.
"""
