"""Goals and their versions (``store``), the days and weeks they judge (``periods``), a
goal in plain words (``describe``), judging progress week by week (``progress``), the
at-a-glance summary (``glance``), tapers (``taper``) and drinking guidelines
(``guidelines``, data from ``resources/``), and what counts as a heavy-use day
(``heavy_days``: the user's own threshold or the chosen guideline's rule).

May import ``stats``, ``tracking`` and the packages below them; not ``care``.
"""
