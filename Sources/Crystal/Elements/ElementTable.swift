import Foundation

/// Per-element data of pymatgen's periodic table (pymatgen-core 2026.10.16), elements 1-103,
/// as carried in `exercises/data/elements.json`. Units: atomic mass amu; radii Angstrom;
/// electronegativity Pauling; melting point K. Missing values are nil (pymatgen has, for
/// example, no Pauling electronegativity for He, Ne, Ar).
public struct ElementProperties: Decodable, Sendable, Hashable {
    public let symbol: String
    public let atomicNumber: Int
    public let name: String
    public let atomicMass: Double
    public let electronegativity: Double?
    public let atomicRadius: Double?
    public let atomicRadiusCalculated: Double?
    public let vanDerWaalsRadius: Double?
    public let metallicRadius: Double?
    public let mendeleevNumber: Double?
    public let meltingPoint: Double?
    public let commonOxidationStates: [Int]
    public let icsdOxidationStates: [Int]
    public let oxidationStates: [Int]
    /// Ionic radius by oxidation state (pymatgen's "Ionic radii"), Angstrom.
    public let ionicRadii: [Int: Double]

    enum CodingKeys: String, CodingKey {
        case symbol, name
        case atomicNumber = "atomic_number"
        case atomicMass = "atomic_mass"
        case electronegativity
        case atomicRadius = "atomic_radius"
        case atomicRadiusCalculated = "atomic_radius_calculated"
        case vanDerWaalsRadius = "van_der_waals_radius"
        case metallicRadius = "metallic_radius"
        case mendeleevNumber = "mendeleev_number"
        case meltingPoint = "melting_point"
        case commonOxidationStates = "common_oxidation_states"
        case icsdOxidationStates = "icsd_oxidation_states"
        case oxidationStates = "oxidation_states"
        case ionicRadii = "ionic_radii"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try container.decode(String.self, forKey: .symbol)
        atomicNumber = try container.decode(Int.self, forKey: .atomicNumber)
        name = try container.decode(String.self, forKey: .name)
        atomicMass = try container.decode(Double.self, forKey: .atomicMass)
        electronegativity = try container.decodeIfPresent(Double.self, forKey: .electronegativity)
        atomicRadius = try container.decodeIfPresent(Double.self, forKey: .atomicRadius)
        atomicRadiusCalculated = try container.decodeIfPresent(Double.self, forKey: .atomicRadiusCalculated)
        vanDerWaalsRadius = try container.decodeIfPresent(Double.self, forKey: .vanDerWaalsRadius)
        metallicRadius = try container.decodeIfPresent(Double.self, forKey: .metallicRadius)
        mendeleevNumber = try container.decodeIfPresent(Double.self, forKey: .mendeleevNumber)
        meltingPoint = try container.decodeIfPresent(Double.self, forKey: .meltingPoint)
        commonOxidationStates = try container.decode([Int].self, forKey: .commonOxidationStates)
        icsdOxidationStates = try container.decode([Int].self, forKey: .icsdOxidationStates)
        oxidationStates = try container.decode([Int].self, forKey: .oxidationStates)
        let radii = try container.decode([String: Double].self, forKey: .ionicRadii)
        var byCharge: [Int: Double] = [:]
        for (charge, radius) in radii {
            guard let value = Int(charge) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .ionicRadii, in: container, debugDescription: "ionic radius key '\(charge)' is not an integer charge")
            }
            byCharge[value] = radius
        }
        ionicRadii = byCharge
    }
}

/// The embedded element table, decoded once.
public enum ElementTable {
    /// Properties of elements 1-103, index Z - 1.
    public static let properties: [ElementProperties] = {
        do {
            let rows = try JSONDecoder().decode([ElementProperties].self, from: Data(EmbeddedElementData.elementsJSON.utf8))
            guard rows.map(\.atomicNumber) == Array(1...Element.maximumAtomicNumber),
                  rows.map(\.symbol) == Element.symbols else {
                fatalError("EmbeddedElementData: elements are not Z = 1...103 in order; rerun scripts/data/make_element_data.py")
            }
            return rows
        } catch {
            fatalError("EmbeddedElementData does not decode (\(error)); rerun scripts/data/make_element_data.py")
        }
    }()
}

extension Element {
    /// pymatgen's data for this element.
    public var properties: ElementProperties { ElementTable.properties[atomicNumber - 1] }
    /// English name ("Iron").
    public var name: String { properties.name }
    /// Standard atomic mass, amu.
    public var atomicMass: Double { properties.atomicMass }
    /// Pauling electronegativity; nil where pymatgen has none (He, Ne, Ar, ...).
    public var electronegativity: Double? { properties.electronegativity }

    /// Period (row) of the periodic table, 1...7, as pymatgen's `Element.row`
    /// (lanthanides in row 6, actinides in row 7).
    public var row: Int {
        let z = atomicNumber
        switch z {
        case ...2: return 1
        case ...10: return 2
        case ...18: return 3
        case ...36: return 4
        case ...54: return 5
        case ...86: return 6
        default: return 7
        }
    }

    /// Group (column) 1...18, as pymatgen's `Element.group`: lanthanides La-Lu and actinides
    /// Ac-Lr are reported as group 3.
    public var group: Int {
        let z = atomicNumber
        switch z {
        case 1: return 1
        case 2: return 18
        case 57...71, 89...103: return 3
        default: break
        }
        let periodStarts = [3, 11, 19, 37, 55, 87]
        let periodStart = periodStarts.last(where: { $0 <= z }) ?? 3
        let offset = z - periodStart
        switch periodStart {
        case 3, 11: return offset < 2 ? offset + 1 : offset + 11
        case 19, 37: return offset + 1
        default:
            // Periods 6 and 7: 14 f-block elements after the group 3 element.
            if offset < 2 { return offset + 1 }
            return offset - 14 + 1
        }
    }

    /// True for lanthanides La-Lu and actinides Ac-Lr.
    public var isRareEarthOrActinide: Bool { (57...71).contains(atomicNumber) || (89...103).contains(atomicNumber) }
}
