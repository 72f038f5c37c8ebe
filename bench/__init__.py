"""Benchmark at kabupaten scale (issue 13): this project's build against a bare MkDocs +
Material build of the same pages.

- :mod:`bench.generate`: synthetic, seeded data folder in the current format (*data contoh*).
- :mod:`bench.workspace`: a throwaway copy of the project, with the data committed to git.
- :mod:`bench.yardstick`: the bare MkDocs + Material project with the same pages and nav.
- :mod:`bench.run`: builds in interleaved rounds, each in a fresh process, and the result table.

Run with ``make bench N=1000`` or ``python -m bench --n 1000``. Timings are only printed,
never asserted.
"""
