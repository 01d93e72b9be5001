"""Benchmarks: synthetic organisations (``bench.fixtures``), request latency, SQL counts and
throughput (``bench.run``), and the CSV import (``bench.import_people``). Output lands in
``bench/out/`` (ignored by git)."""
