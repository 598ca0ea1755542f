"""hyosan's benchmarks against its peers on one reference model (benchmarks/README.md)."""
