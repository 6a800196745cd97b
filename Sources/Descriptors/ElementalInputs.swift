import Crystal
import Foundation

/// The per-element numbers behind CGCNN's atom features, all from the Magpie tables of
/// matminer 0.10.1 (`exercises/data/matminer-0.10.1/magpie_elementdata`), which students can
/// read with matminer's `MagpieData`. One source keeps the features reproducible outside this
/// code. Arrays are indexed by Z - 1 (Z = 1...103); nil where Magpie has no value.
struct ElementalInputs: Sendable {
    /// Magpie `Column`: group 1...18, 3 for every lanthanide and actinide.
    let column: [Double?]
    /// Magpie `Row`: period 1...7 (lanthanides 6, actinides 7).
    let row: [Double?]
    /// Magpie `Electronegativity`: Pauling. Missing for He, Ne, Ar, Rn, Lr; Magpie fills Pm,
    /// Eu, Tb and Yb with the mean of their neighbors.
    let electronegativity: [Double?]
    /// Magpie `CovalentRadius`, pm. Missing for Bk ... Lr.
    let covalentRadius: [Double?]
    /// Magpie `NsValence`, `NpValence`, `NdValence`: electrons in the valence s, p and d shells.
    let sElectrons: [Double?]
    let pElectrons: [Double?]
    let dElectrons: [Double?]
    /// Magpie `FirstIonizationEnergy`, eV (CRC Handbook). Missing for At.
    let firstIonizationEnergy: [Double?]
    /// Magpie `ElectronAffinity` converted from kJ/mol to eV. Magpie writes 0 kJ/mol for the
    /// elements without a bound anion (He, Be, Ne, Mg, Ar, Mn, Zn, Kr, Cd, Xe, Hf, Hg, Rn):
    /// that 0 is a placeholder, not a measurement, so it is nil here. Missing for Fr ... Lr.
    let electronAffinity: [Double?]
    /// Magpie `MolarVolume`, cm^3/mol (pymatgen's molar volumes of the elemental solids).
    /// Missing for At, Fr, Fm ... Lr. (Magpie's `AtomicVolume` is not used: it is derived from
    /// the density at STP, so for gases it is the volume per molecule of the gas, ~10^4 A^3.)
    let molarVolume: [Double?]

    /// Faraday's constant over 1000: kJ/mol per eV (CODATA 2018, exact: e N_A = 96485.33212
    /// C/mol).
    static let kilojoulesPerMolePerElectronvolt = 96.48533212

    /// The tables, read once.
    static let shared: ElementalInputs = {
        func table(_ name: String) -> [Double?] {
            do {
                return try MagpieElementData.scalarTable(named: name)
            } catch {
                fatalError("Magpie table '\(name)' is not embedded (\(error)); rerun scripts/data/make_element_data.py")
            }
        }
        let affinity = table("ElectronAffinity").map { value -> Double? in
            guard let value, value != 0 else { return nil }
            return value / kilojoulesPerMolePerElectronvolt
        }
        return ElementalInputs(
            column: table("Column"), row: table("Row"), electronegativity: table("Electronegativity"),
            covalentRadius: table("CovalentRadius"), sElectrons: table("NsValence"),
            pElectrons: table("NpValence"), dElectrons: table("NdValence"),
            firstIonizationEnergy: table("FirstIonizationEnergy"), electronAffinity: affinity,
            molarVolume: table("MolarVolume"))
    }()

    /// `values[Z - 1]`, nil when missing or past the table.
    static func value(_ values: [Double?], _ element: Element) -> Double? {
        let index = element.atomicNumber - 1
        return values.indices.contains(index) ? values[index] : nil
    }
}
