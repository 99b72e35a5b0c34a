// Search over search-index.json: not exercised by the benchmark.
