"""clustergraph's benchmarks: one module per benchmark, run by ``python -m benchmarks``.

Each ``bench_*`` module has ``NAME``, ``SIZES`` (``small`` and ``large`` lists) and
``run(sizes, workdir) -> dict`` returning rows of measurements, the ratios it computes and the
targets it checks (or ``{"skipped": reason}`` when a module it needs is not there yet).
"""
