//! Shared fixtures for the benchmarks: the records and their data.
