"""Search benchmarks (`make bench`): not tests; they measure."""
