/// Runs untrusted programs (students' submissions) contained: limits, isolation, teardown.
/// Knows nothing of grades: the grader sees only a run's outcome.
public enum SandboxModule {}
