"""Hostile sample submission: tries the network (TCP to the internet and to the machine
itself, UDP DNS, a name lookup), to send answers out or fetch them. Expected: every attempt
fails (BLOCKED lines, never LEAKED), it writes empty answers, 0 points."""
import json
import socket
import sys

attempts = [("tcp", "1.1.1.1", 443), ("tcp", "127.0.0.1", 22), ("tcp", "127.0.0.1", 80), ("udp", "8.8.8.8", 53),
            ("dns", "pypi.org", 443)]
for kind, host, port in attempts:
    try:
        if kind == "dns":
            socket.getaddrinfo(host, port)
        elif kind == "tcp":
            socket.create_connection((host, port), timeout=3).close()
        else:
            probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            probe.settimeout(3)
            probe.sendto(b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x04pypi\x03org\x00\x00\x01\x00\x01", (host, port))
            probe.recvfrom(512)
        print("LEAKED", kind, host, port)
    except OSError as error:
        print("BLOCKED", kind, host, port, type(error).__name__, error.errno)
json.dump({"edges": [], "edge_features": [], "atom_features": [], "megnet_edges": []}, open(sys.argv[2], "w"))
