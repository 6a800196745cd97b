"""Week 3 sample submission (correct): a Lennard-Jones crystal by velocity Verlet, the 2D
Ising model by Metropolis Monte Carlo with blocking errors, and the provenance of database
fields. numpy only. Run as: python3 solution.py input.json output.json
"""
import json
import sys

import numpy as np

# ASE's units (CODATA 2014): 1 amu Angstrom^2 / fs^2 in eV, and k_B in eV/K.
E_CHARGE = 1.6021766208e-19
AMU = 1.66053904e-27
KINETIC_FACTOR = AMU * (1e-10 / 1e-15) ** 2 / E_CHARGE
K_B = 1.38064852e-23 / E_CHARGE


def lennard_jones(positions, cell, epsilon, sigma, cutoff):
    """Energy (eV, shifted to 0 at the cutoff) and forces (eV/A) with minimum images."""
    inverse = np.linalg.inv(cell)
    d = positions[None, :, :] - positions[:, None, :]          # d[i, j] = r_j - r_i
    fractional = d @ inverse
    fractional -= np.round(fractional)
    d = fractional @ cell
    r2 = np.sum(d * d, axis=-1)
    n = len(positions)
    mask = (r2 < cutoff ** 2) & ~np.eye(n, dtype=bool)
    s6 = np.zeros_like(r2)
    s6[mask] = (sigma ** 2 / r2[mask]) ** 3
    shift = 4 * epsilon * ((sigma / cutoff) ** 12 - (sigma / cutoff) ** 6)
    pair = np.where(mask, 4 * epsilon * (s6 * s6 - s6) - shift, 0.0)
    energy = 0.5 * pair.sum()
    scale = np.zeros_like(r2)
    scale[mask] = 24 * epsilon * (2 * s6[mask] ** 2 - s6[mask]) / r2[mask]
    # Atom j is pushed along d[i, j] by each neighbour i: F_j = sum_i scale_ij d_ij.
    forces = np.einsum("ij,ijk->jk", scale, d)
    return energy, forces


def temperature(velocities, mass):
    kinetic = 0.5 * mass * np.sum(velocities ** 2) * KINETIC_FACTOR
    dof = 3 * len(velocities) - 3
    return 2 * kinetic / (dof * K_B)


def molecular_dynamics(md):
    cell = np.array(md["lattice_vectors"], dtype=float)
    r = np.array(md["cartesian_coordinates"], dtype=float)
    v = np.array(md["velocities"], dtype=float)
    eps, sigma, cutoff, mass = md["epsilon"], md["sigma"], md["cutoff_radius"], md["mass"]
    dt = md["time_step"]
    energy, forces = lennard_jones(r, cell, eps, sigma, cutoff)
    out = {"lj_potential_energy": float(energy), "lj_forces": forces.tolist()}
    temperatures = [temperature(v, mass)]
    f = forces
    for _ in range(md["steps"]):
        v = v + 0.5 * dt * f / (mass * KINETIC_FACTOR)
        r = r + dt * v
        _, f = lennard_jones(r, cell, eps, sigma, cutoff)
        v = v + 0.5 * dt * f / (mass * KINETIC_FACTOR)
        temperatures.append(temperature(v, mass))
    out.update({"md_positions": r.tolist(), "md_velocities": v.tolist(), "md_temperatures": temperatures})
    return out


def ising_energy(spins):
    return -float(np.sum(spins * (np.roll(spins, 1, axis=0) + np.roll(spins, 1, axis=1))))


def metropolis(size, temperature, sweeps, equilibration, seed):
    """Checkerboard Metropolis: each sweep updates the two sublattices in turn (sites of
    one colour have no neighbour of their colour, so they may flip together)."""
    rng = np.random.default_rng(seed)
    spins = np.ones((size, size), dtype=np.int64)
    colour = (np.add.outer(np.arange(size), np.arange(size)) % 2).astype(bool)
    masks = [colour, ~colour]
    energies, magnetisations = [], []
    for sweep in range(equilibration + sweeps):
        for mask in masks:
            neighbours = (np.roll(spins, 1, 0) + np.roll(spins, -1, 0) + np.roll(spins, 1, 1) + np.roll(spins, -1, 1))
            delta = 2 * spins * neighbours
            accept = mask & (rng.random((size, size)) < np.exp(-delta / temperature))
            spins = np.where(accept, -spins, spins)
        if sweep >= equilibration:
            energies.append(ising_energy(spins))
            magnetisations.append(abs(int(spins.sum())))
    return np.array(energies), np.array(magnetisations, dtype=float)


def blocking_error(series):
    """Standard error of the mean by blocking (Flyvbjerg-Petersen): the largest estimate
    over levels that keep at least 32 blocks (the plateau of a rising curve)."""
    x = np.asarray(series, dtype=float)
    best = 0.0
    while len(x) >= 32:
        best = max(best, np.sqrt(np.var(x) / (len(x) - 1)))
        x = 0.5 * (x[: len(x) // 2 * 2 : 2] + x[1 : len(x) // 2 * 2 : 2])
    return float(best)


def jackknife(series, estimator, blocks=16):
    x = np.asarray(series, dtype=float)
    length = len(x) // blocks
    x = x[: blocks * length]
    estimates = np.array([estimator(np.concatenate([x[: b * length], x[(b + 1) * length :]])) for b in range(blocks)])
    return float(np.sqrt((blocks - 1) / blocks * np.sum((estimates - estimates.mean()) ** 2)))


def ising(task):
    n = task["size"] ** 2
    t = task["temperature"]
    energies, magnetisations = metropolis(task["size"], t, task["sweeps"], task["equilibration_sweeps"], task["seed"])
    heat_capacity = lambda e: np.var(e) / (n * t * t)
    return {
        "abs_magnetisation_per_spin": float(np.mean(magnetisations) / n),
        "abs_magnetisation_per_spin_error": blocking_error(magnetisations / n),
        "energy_per_spin": float(np.mean(energies) / n),
        "energy_per_spin_error": blocking_error(energies / n),
        "heat_capacity_per_spin": float(heat_capacity(energies)),
        "heat_capacity_per_spin_error": jackknife(energies, heat_capacity),
    }


PROVENANCE = {
    "energy": "dft",
    "formation_energy_per_atom": "derived",
    "energy_above_hull": "derived",
    "band_gap": "dft",
    "experimental_band_gap": "experimental",
    "total_magnetization": "dft",
    "density": "derived",
    "space_group_symbol": "derived",
    "bulk_modulus_vrh": "derived",
    "experimental_formation_enthalpy": "experimental",
}


def main(input_path, output_path):
    with open(input_path) as handle:
        task = json.load(handle)
    output = molecular_dynamics(task["molecular_dynamics"])
    output["ising"] = ising(task["ising"])
    output["provenance"] = {field["name"]: PROVENANCE[field["name"]] for field in task["database_fields"]}
    with open(output_path, "w") as handle:
        json.dump(output, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
