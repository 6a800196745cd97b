"""Hostile sample submission: prints 1 GB to standard output. Expected: stopped at the
output limit after the first MiB, the grader keeps only a tail, 0 points."""
import sys

block = "matgrade " * (1 << 17)   # about 1 MiB
for _ in range(1024):
    sys.stdout.write(block)
