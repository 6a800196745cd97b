"""Hostile sample submission: allocates memory until it cannot, 256 MiB at a time.
Expected: it runs out of address space at the memory limit (MemoryError), 0 points, the
machine unharmed."""
hoard = []
while True:
    hoard.append(bytes(256 << 20))
