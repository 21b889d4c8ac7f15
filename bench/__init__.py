"""Build-speed and scale benchmark of the site (issue #8), run by ``make bench``.

``python -m bench.run`` writes synthetic registers into ``bench/out/`` (git-ignored), times every
stage of ``kis build`` and the whole build next to bare mkdocs-material building as many plain
pages, compares ``kis validate`` with frictionless, checks the targets and writes
``bench/RESULTS.md``. Every timed build runs in its own subprocess, which also gives its peak
memory.
"""
