"""Range-bounded figures: sums, counts, use-free days, weekly grids (``figures``). Each figure
is computed here once and every screen, the CLI and the report call the same function.

May import ``tracking`` and the packages below it.
"""
