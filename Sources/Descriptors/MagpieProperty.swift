/// The 22 elemental properties of matminer's `magpie` preset, in the preset's order (Ward et
/// al., npj Comput. Mater. 2, 16028 (2016)); the raw value is the Magpie table's name, which is
/// also the last word of a feature label.
public enum MagpieProperty: String, CaseIterable, Sendable {
    /// Atomic number Z.
    case number = "Number"
    /// Pettifor's Mendeleev number.
    case mendeleevNumber = "MendeleevNumber"
    /// Standard atomic weight, amu.
    case atomicWeight = "AtomicWeight"
    /// Melting temperature of the element, K.
    case meltingTemperature = "MeltingT"
    /// Group in the periodic table (3 for the lanthanides and actinides).
    case column = "Column"
    /// Period.
    case row = "Row"
    /// Covalent radius, pm.
    case covalentRadius = "CovalentRadius"
    /// Pauling electronegativity.
    case electronegativity = "Electronegativity"
    /// Valence electrons in the s, p, d and f shells, and their sum.
    case sValence = "NsValence"
    case pValence = "NpValence"
    case dValence = "NdValence"
    case fValence = "NfValence"
    case valence = "NValence"
    /// Unfilled states in the valence s, p, d and f shells, and their sum.
    case sUnfilled = "NsUnfilled"
    case pUnfilled = "NpUnfilled"
    case dUnfilled = "NdUnfilled"
    case fUnfilled = "NfUnfilled"
    case unfilled = "NUnfilled"
    /// DFT (OQMD) ground-state volume per atom of the elemental solid, Angstrom^3.
    case groundStateVolumePerAtom = "GSvolume_pa"
    /// DFT (OQMD) band gap of the elemental solid, eV.
    case groundStateBandGap = "GSbandgap"
    /// DFT (OQMD) magnetic moment of the elemental solid, Bohr magnetons per atom.
    case groundStateMagneticMoment = "GSmagmom"
    /// Space-group number of the elemental solid's ground state.
    case spaceGroupNumber = "SpaceGroupNumber"
}

/// The six statistics of matminer's `magpie` preset, in its order. Weights are the amounts of
/// the formula (matminer's `comp.element_composition`), which for `mean` and `avg_dev` is the
/// same as weighting by atomic fraction x_i = a_i / sum(a):
///
/// - `minimum`, `maximum`, `range` = maximum - minimum: unweighted over the elements present;
/// - `mean` = sum(x_i v_i);
/// - `avg_dev` = sum(x_i |v_i - mean|), the fraction-weighted mean absolute deviation (not a
///   standard deviation);
/// - `mode`: the value of the element with the largest amount; when several amounts tie, the
///   smallest of their values. Amounts tie as numpy's `isclose(a_i, max a)` decides:
///   |a_i - max a| <= 1e-8 + 1e-5 * max a, on the amounts as written (so `Fe0.500001Ni0.5`
///   is a tie, `Fe0.5001Ni0.5` is not).
public enum MagpieStatistic: String, CaseIterable, Sendable {
    case minimum
    case maximum
    case range
    case mean
    case averageDeviation = "avg_dev"
    case mode
}

/// What to do where a Magpie table has no value for an element (`Missing`, or no line).
public enum MissingElementData: String, CaseIterable, Sendable {
    /// matminer 0.10.1's default (`from_preset("magpie")`, `impute_nan=True`): the missing
    /// value is replaced by the table's mean over the elements that have one, Z = 1...118
    /// (`numpy.nanmean`). The features are then always finite.
    case imputeTableMean
    /// `impute_nan=False`: the missing value is NaN. `minimum`, `maximum`, `range`, `mean`
    /// and `avg_dev` become NaN when any element of the formula lacks the value; `mode` only
    /// when one of the elements with the largest amount does.
    case propagateNaN
}
