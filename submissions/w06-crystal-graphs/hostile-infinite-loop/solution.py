"""Hostile sample submission: never finishes. Expected: stopped at the CPU-time or wall-clock
limit on every case, 0 points, and the batch goes on."""
while True:
    pass
