/// Unit conversions of the MD kernels, built exactly as ASE builds `ase.units` so that a
/// trajectory agrees with ASE's to rounding: the internal units are Angstrom, eV, amu, K
/// and fs.
///
/// ASE 3.29 still defaults to CODATA 2014 (`ase.units.__codata_version__ == "2014"`), not
/// the 2019 SI values (e = 1.602176634e-19 C, amu = 1.66053906660e-27 kg): the two differ by
/// about 1e-8 relative in the time unit, far above the 1e-10 the fixtures are compared at,
/// so ASE's values are used here. ``SI2019`` keeps the newer ones for reference.
///
/// ASE's time unit is `Angstrom · sqrt(amu/eV)` (about 10.18 fs), and `ase.units.fs` is one
/// femtosecond in it; this module keeps velocities in Angstrom/fs, so
/// `amu · Angstrom^2 / fs^2 = 1 / fs_ASE^2 eV` (about 103.6 eV) converts kinetic energy.
public enum SimulationUnits {
    /// Elementary charge, C (CODATA 2014, ASE's `units._e`).
    public static let elementaryCharge = 1.6021766208e-19
    /// Atomic mass constant, kg (CODATA 2014, ASE's `units._amu`).
    public static let atomicMassUnit = 1.66053904e-27
    /// Boltzmann constant, J/K (CODATA 2014, ASE's `units._k`).
    public static let boltzmannSI = 1.38064852e-23
    /// Boltzmann constant, eV/K (ASE's `units.kB`, 8.617330337217213e-05).
    public static let boltzmann = boltzmannSI / elementaryCharge
    /// One femtosecond in ASE's time unit `Angstrom sqrt(amu/eV)` (ASE's `units.fs`,
    /// 0.09822694788464063): `1e-15 · (1e10 · sqrt(e / amu))`.
    public static let femtosecondInASETime = 1e-15 * (1e10 * (elementaryCharge / atomicMassUnit).squareRoot())
    /// `amu · Angstrom^2 / fs^2` in eV: kinetic energy `½ m v^2` in eV is
    /// `½ m[amu] v[A/fs]^2 · kineticEnergyFactor`, and acceleration is
    /// `F[eV/A] / (m[amu] · kineticEnergyFactor)` in Angstrom/fs^2.
    public static let kineticEnergyFactor = 1 / (femtosecondInASETime * femtosecondInASETime)

    /// The exact 2019 SI values, for comparison only.
    public enum SI2019 {
        public static let elementaryCharge = 1.602176634e-19
        public static let atomicMassUnit = 1.66053906660e-27
        public static let boltzmannSI = 1.380649e-23
    }
}
