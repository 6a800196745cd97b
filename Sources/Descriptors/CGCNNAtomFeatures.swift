import Crystal
import Foundation

/// CGCNN's one-hot atom features (Xie and Grossman, Phys. Rev. Lett. 120, 145301 (2018),
/// doi:10.1103/PhysRevLett.120.145301, Supplemental Material Table S2): nine elemental
/// properties, each one-hot encoded in its own block of categories, concatenated.
///
/// Default layout ``Layout/atomInit``, 92 entries, as CGCNN's `atom_init.json` (the vectors
/// its code and pretrained models use):
///
/// | block | offset | count | category k | input (unit) |
/// | --- | --- | --- | --- | --- |
/// | group | 0 | 19 | k = group 1...18; k = 0: La-Yb, Ac-No | Magpie `Column` |
/// | period | 19 | 7 | period 1...7 (lanthanides 6, actinides 7) | Magpie `Row` |
/// | electronegativity | 26 | 10 | linear bins, 0.5-4.0 | Magpie `Electronegativity` (Pauling) |
/// | covalent radius | 36 | 10 | linear bins, 25-250 pm | Magpie `CovalentRadius` (pm) |
/// | valence electrons | 46 | 12 | 1...12 | Magpie `NsValence` + `NpValence` (+ `NdValence` in the d block) |
/// | first ionization energy | 58 | 10 | bins of ln(E / eV), 1.3-3.3 | Magpie `FirstIonizationEnergy` (eV) |
/// | electron affinity | 68 | 10 | linear bins, -3-3.7 eV | Magpie `ElectronAffinity` (kJ/mol / 96.48533212) |
/// | block | 78 | 4 | s, p, d, f | from group and Z (La-Yb, Ac-No are f) |
/// | atomic volume | 82 | 10 | bins of ln(V / (cm^3/mol)), 1.5-4.3 | Magpie `MolarVolume` (cm^3/mol) |
///
/// ``Layout/tableS2`` is what Table S2 itself lists, 93 entries: group 18 categories (1...18,
/// lanthanides and actinides in group 3), period 9 (1...7, lanthanides La-Lu 8, actinides
/// Ac-Lr 9), La-Lu and Ac-Lr in the f block (pymatgen's `Element.block`); the other seven
/// blocks as above. `atom_init.json` departs from its own table there (txie-93/cgcnn issue 2:
/// the vectors were made with the mendeleev package, the table describes an older version).
///
/// Binning, the same in every block: a bin block with `count` bins over [lower, upper) puts x
/// (or ln x) in bin `floor((x - lower) / ((upper - lower) / count))`, evaluated in Double;
/// bins are closed on the left (Pauling 1.90 is in [1.90, 2.25)). Values outside the range go
/// to the first or last bin, integers outside their range to the first or last category.
/// A property Magpie lacks for an element leaves that block all zero: electronegativity of He,
/// Ne, Ar, Rn, Lr; covalent radius of Bk-Lr; ionization energy of At; electron affinity of
/// He, Be, Ne, Mg, Ar, Mn, Zn, Kr, Cd, Xe, Hf, Hg, Rn (Magpie's 0 kJ/mol there marks "no bound
/// anion", not a value) and of Fr-Lr; atomic volume of At, Fr, Fm-Lr.
///
/// Valence electrons: s + p electrons of the outer shell for s- and p-block elements (Ga: 3,
/// not 13), s + d for the d block (Fe 8, Zn 12, Pd 10), outer s only for the f block (2).
///
/// Deviations from `atom_init.json` (elements 1-100, checked by `DescriptorsTests`): group,
/// period and block agree everywhere; the rest differ where the data differ:
/// - valence electrons: Pd 10 here, 12 in `atom_init.json`.
/// - electronegativity: Si and Cu (1.90, on a bin edge) one bin higher; W, Re, Pt, Hg, Pb, Bi,
///   Gd, Lu, U from different source values (W 2.36 here, 1.7 there); Kr, Pm, Eu, Tb, Yb,
///   Am-Fm have a value in Magpie and none in `atom_init.json`.
/// - covalent radius, 57 elements: `atom_init.json` bins Pyykko's single-bond radii (Si 116,
///   Ti 136, Na 155 pm), Magpie has the Cordero et al. set (Si 111, Ti 160, Na 166 pm), so most
///   transition metals, lanthanides and actinides land one or two bins higher here; Bk-Fm
///   have no radius in Magpie.
/// - first ionization energy: At is missing in Magpie.
/// - electron affinity: Be, Xe, Hf (Magpie 0) and Fr, Ra, Ac (no value) are all zero here;
///   Magpie gives every lanthanide 50 kJ/mol (bin 5); N two bins higher, Ga and Tl one lower.
/// - atomic volume: molar volumes of the solids here, mendeleev's atomic volumes there: H,
///   He, N, F, Ne, Cl, Ar, Kr, Xe, Ra, Np, Am, Cm one or two bins lower, Tm higher; Pm, Rn,
///   Pu, Bk, Cf, Es have a value only here.
public struct CGCNNAtomFeatures: Hashable, Sendable {
    /// How the categories are laid out; see the type's doc comment.
    public enum Layout: String, Hashable, Sendable, CaseIterable {
        /// 92 entries, as CGCNN's `atom_init.json`.
        case atomInit = "atom_init_92"
        /// 93 entries, as the paper's Table S2.
        case tableS2 = "table_s2_93"
    }

    /// The nine properties, in block order.
    public enum Property: String, Hashable, Sendable, CaseIterable {
        case group
        case period
        case electronegativity
        case covalentRadius = "covalent_radius"
        case valenceElectrons = "valence_electrons"
        case firstIonizationEnergy = "first_ionization_energy"
        case electronAffinity = "electron_affinity"
        case block
        case atomicVolume = "atomic_volume"

        /// Unit of the input value (`""` for counts and labels).
        public var unit: String {
            switch self {
            case .covalentRadius: "pm"
            case .firstIonizationEnergy, .electronAffinity: "eV"
            case .atomicVolume: "cm^3/mol"
            default: ""
            }
        }
    }

    /// How one property's value becomes a category index.
    public enum Binning: Hashable, Sendable {
        /// One category per integer; index = value - lowerBound.
        case integers(ClosedRange<Int>)
        /// `count` equal bins over [lower, upper), in the property's unit.
        case linear(lower: Double, upper: Double, count: Int)
        /// `count` equal bins of ln(value in the property's unit) over [lower, upper).
        case logarithmic(lower: Double, upper: Double, count: Int)

        /// Number of categories.
        public var count: Int {
            switch self {
            case let .integers(range): range.count
            case let .linear(_, _, count), let .logarithmic(_, _, count): count
            }
        }

        /// The category of `value` (clamped into range), nil for NaN or a non-positive value
        /// on a logarithmic scale.
        public func index(of value: Double) -> Int? {
            let position: Double
            switch self {
            case let .integers(range):
                position = value - Double(range.lowerBound)
            case let .linear(lower, upper, count):
                position = ((value - lower) / ((upper - lower) / Double(count))).rounded(.down)
            case let .logarithmic(lower, upper, count):
                guard value > 0 else { return nil }
                position = ((log(value) - lower) / ((upper - lower) / Double(count))).rounded(.down)
            }
            guard !position.isNaN else { return nil }
            return Int(max(0, min(Double(count - 1), position)))
        }
    }

    /// One property's slice of the feature vector.
    public struct Block: Hashable, Sendable {
        public let property: Property
        /// Index of the block's first entry in the feature vector.
        public let offset: Int
        public let binning: Binning
        /// The block's entries in the feature vector.
        public var range: Range<Int> { offset..<(offset + binning.count) }
    }

    public let layout: Layout
    /// The blocks in order; contiguous, starting at 0.
    public let blocks: [Block]

    public init(layout: Layout = .atomInit) {
        self.layout = layout
        let binnings: [(Property, Binning)] = [
            (.group, layout == .atomInit ? .integers(0...18) : .integers(1...18)),
            (.period, layout == .atomInit ? .integers(1...7) : .integers(1...9)),
            (.electronegativity, .linear(lower: 0.5, upper: 4.0, count: 10)),
            (.covalentRadius, .linear(lower: 25, upper: 250, count: 10)),
            (.valenceElectrons, .integers(1...12)),
            (.firstIonizationEnergy, .logarithmic(lower: 1.3, upper: 3.3, count: 10)),
            (.electronAffinity, .linear(lower: -3, upper: 3.7, count: 10)),
            (.block, .integers(0...3)),
            (.atomicVolume, .logarithmic(lower: 1.5, upper: 4.3, count: 10)),
        ]
        var offset = 0
        var blocks: [Block] = []
        for (property, binning) in binnings {
            blocks.append(Block(property: property, offset: offset, binning: binning))
            offset += binning.count
        }
        self.blocks = blocks
    }

    /// Length of the feature vector: 92 (``Layout/atomInit``) or 93 (``Layout/tableS2``).
    public var length: Int { blocks.last.map { $0.range.upperBound } ?? 0 }

    /// The feature vector of `element`, `[length]`: 1 at the category of each property, 0
    /// elsewhere; a block whose input is missing is all zero.
    public func features(of element: Element) -> [Double] {
        var vector = [Double](repeating: 0, count: length)
        for block in blocks {
            if let category = category(block.property, of: element) { vector[block.offset + category] = 1 }
        }
        return vector
    }

    /// The category index of `property` within its block, nil when the input is missing.
    public func category(_ property: Property, of element: Element) -> Int? {
        guard let block = blocks.first(where: { $0.property == property }),
              let value = input(property, of: element) else { return nil }
        return block.binning.index(of: value)
    }

    /// The value that is binned, in the property's ``Property/unit`` (before any logarithm);
    /// group, period and valence electrons as counts, the block as 0...3 for s, p, d, f; nil
    /// when the data lack it. Group 0 is the f-block slot of ``Layout/atomInit``.
    public func input(_ property: Property, of element: Element) -> Double? {
        let data = ElementalInputs.shared
        func value(_ table: [Double?]) -> Double? { ElementalInputs.value(table, element) }
        let inFBlock = isFBlock(element)
        switch property {
        case .group:
            return layout == .atomInit && inFBlock ? 0 : value(data.column)
        case .period:
            guard let row = value(data.row) else { return nil }
            return layout == .tableS2 && inFBlock ? row + 2 : row
        case .electronegativity:
            return value(data.electronegativity)
        case .covalentRadius:
            return value(data.covalentRadius)
        case .valenceElectrons:
            guard let s = value(data.sElectrons), let block = blockIndex(of: element) else { return nil }
            switch block {
            case 3: return s
            case 2: return value(data.dElectrons).map { s + (value(data.pElectrons) ?? 0) + $0 }
            default: return value(data.pElectrons).map { s + $0 }
            }
        case .firstIonizationEnergy:
            return value(data.firstIonizationEnergy)
        case .electronAffinity:
            return value(data.electronAffinity)
        case .block:
            return blockIndex(of: element).map(Double.init)
        case .atomicVolume:
            return value(data.molarVolume)
        }
    }

    /// f block by this layout's convention: La-Yb and Ac-No for ``Layout/atomInit`` (Lu and
    /// Lr are group-3 d-block elements there), La-Lu and Ac-Lr for ``Layout/tableS2``.
    func isFBlock(_ element: Element) -> Bool {
        let z = element.atomicNumber
        switch layout {
        case .atomInit: return (57...70).contains(z) || (89...102).contains(z)
        case .tableS2: return (57...71).contains(z) || (89...103).contains(z)
        }
    }

    /// 0, 1, 2, 3 for the s, p, d, f block; He is s.
    func blockIndex(of element: Element) -> Int? {
        if isFBlock(element) { return 3 }
        guard let column = ElementalInputs.value(ElementalInputs.shared.column, element) else { return nil }
        if element.atomicNumber == 2 || column <= 2 { return 0 }
        return column >= 13 ? 1 : 2
    }
}
