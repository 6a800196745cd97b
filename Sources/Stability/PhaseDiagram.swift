import Crystal

/// One computed phase: an id, its composition, and its total energy per atom (eV/atom).
public struct PhaseEntry: Hashable, Sendable {
    public let id: String
    public let composition: Composition
    public let energyPerAtom: Double

    public init(id: String, composition: Composition, energyPerAtom: Double) {
        self.id = id
        self.composition = composition
        self.energyPerAtom = energyPerAtom
    }
}

/// A compositional phase diagram with pymatgen's `PhaseDiagram` conventions:
///
/// - the reference of each element is its lowest-energy pure entry (the first one on ties);
/// - formation energy per atom: `E/atom - Σ_i x_i μ_i` with atomic fractions x_i and the
///   references' energies per atom μ_i;
/// - the stable phases are the vertices of the lower convex hull of (composition, formation
///   energy) over all entries: for each composition the lowest entry, kept when it lies
///   strictly (by more than ``stabilityTolerance``) below the hull of all the others; the
///   elemental references are always stable;
/// - energy above hull: formation energy minus the hull's at the entry's composition (0 for
///   a stable entry); decomposition: the stable phases whose mixture is the hull there, as
///   fractions of atoms summing to 1 (a stable entry decomposes into itself).
///
/// The hull is found per composition as a small linear program (``LowerHullProgram``), so
/// any number of elements works and nothing is projected to fewer dimensions.
public struct PhaseDiagram: Sendable {
    /// The phase diagram's elements, by atomic number.
    public let elements: [Element]
    public let entries: [PhaseEntry]
    /// Per entry, in input order.
    public let results: [EntryStability]
    /// Energies within this of the hull count as on it (eV/atom).
    public static let stabilityTolerance = 1e-9

    public struct EntryStability: Hashable, Sendable {
        public let id: String
        public let formationEnergyPerAtom: Double
        public let energyAboveHull: Double
        public let isStable: Bool
        /// (entry id, fraction of atoms), by id.
        public let decomposition: [Decomposed]
    }

    public struct Decomposed: Hashable, Sendable {
        public let id: String
        public let fraction: Double
    }

    private let program: LowerHullProgram
    /// Entry index of each LP candidate.
    private let candidateEntries: [Int]
    private let stableCandidates: Set<Int>

    /// - Throws: ``StabilityError`` for no entries, duplicate ids, non-finite energies or an
    ///   element without a pure entry.
    public init(entries: [PhaseEntry]) throws(StabilityError) {
        guard !entries.isEmpty else { throw .noEntries }
        var seen = Set<String>()
        for entry in entries {
            guard seen.insert(entry.id).inserted else { throw .duplicateID(entry.id) }
            guard entry.energyPerAtom.isFinite else { throw .nonFiniteEnergy(id: entry.id, value: entry.energyPerAtom) }
        }
        let elements = Set(entries.flatMap { $0.composition.elements }).sorted()
        var references: [Element: Int] = [:]
        for (index, entry) in entries.enumerated() where entry.composition.elements.count == 1 {
            let element = entry.composition.elements[0]
            if let current = references[element], entries[current].energyPerAtom <= entry.energyPerAtom { continue }
            references[element] = index
        }
        for entry in entries {
            if let missing = entry.composition.elements.first(where: { references[$0] == nil }) {
                throw .missingElementalReference(element: missing.symbol, usedBy: "entry \(entry.id) (\(entry.composition.formulaText))")
            }
        }
        let fractions = entries.map { entry in Self.fractionVector(entry.composition, elements) }
        let chemicalPotentials = elements.map { entries[references[$0]!].energyPerAtom }
        let formation = zip(entries, fractions).map { entry, x in
            entry.energyPerAtom - zip(x, chemicalPotentials).reduce(0) { $0 + $1.0 * $1.1 }
        }
        // Candidates: the references first (the program's starting basis), then the lowest
        // entry of each other composition, if it is below the elements' plane at all.
        var lowest: [[Double]: Int] = [:]
        for (index, x) in fractions.enumerated() where entries[index].composition.elements.count > 1 {
            let key = x.map { ($0 * 1e9).rounded() / 1e9 }
            if let current = lowest[key], formation[current] <= formation[index] { continue }
            lowest[key] = index
        }
        let compounds = lowest.values.filter { formation[$0] < -Self.stabilityTolerance }.sorted()
        let candidateEntries = elements.map { references[$0]! } + compounds
        let program = LowerHullProgram(fractions: candidateEntries.map { fractions[$0] },
                                       energies: candidateEntries.map { formation[$0] }, elementCount: elements.count)
        var stable = Set(0..<elements.count)
        for k in elements.count..<candidateEntries.count {
            guard let others = program.solve(target: program.fractions[k], allowed: { $0 != k }) else {
                throw .noConvergence(formula: entries[candidateEntries[k]].composition.formulaText)
            }
            if program.energies[k] < others.energy - Self.stabilityTolerance { stable.insert(k) }
        }
        var results: [EntryStability] = []
        for (index, entry) in entries.enumerated() {
            if let k = candidateEntries.firstIndex(of: index), stable.contains(k) {
                results.append(EntryStability(id: entry.id, formationEnergyPerAtom: formation[index], energyAboveHull: 0, isStable: true,
                                              decomposition: [Decomposed(id: entry.id, fraction: 1)]))
                continue
            }
            guard let hull = program.solve(target: fractions[index], allowed: { stable.contains($0) }) else {
                throw .noConvergence(formula: entry.composition.formulaText)
            }
            let decomposition = hull.phases.map { Decomposed(id: entries[candidateEntries[$0.0]].id, fraction: $0.1) }
                .sorted { $0.id < $1.id }
            results.append(EntryStability(id: entry.id, formationEnergyPerAtom: formation[index],
                                          energyAboveHull: max(0, formation[index] - hull.energy), isStable: false,
                                          decomposition: decomposition))
        }
        self.elements = elements
        self.entries = entries
        self.results = results
        self.program = program
        self.candidateEntries = candidateEntries
        stableCandidates = stable
    }

    /// The stable entries, in input order.
    public var stableEntries: [PhaseEntry] {
        zip(entries, results).filter { $0.1.isStable }.map(\.0)
    }

    /// The hull's formation energy per atom at `composition` and the stable phases it is a
    /// mixture of.
    /// - Throws: ``StabilityError/outsideSystem(formula:elements:)``.
    public func hull(at composition: Composition) throws(StabilityError) -> (energy: Double, decomposition: [Decomposed]) {
        guard composition.elements.allSatisfy(elements.contains) else {
            throw .outsideSystem(formula: composition.formulaText, elements: elements.map(\.symbol))
        }
        guard let hull = program.solve(target: Self.fractionVector(composition, elements), allowed: { stableCandidates.contains($0) }) else {
            throw .noConvergence(formula: composition.formulaText)
        }
        return (hull.energy, hull.phases.map { Decomposed(id: entries[candidateEntries[$0.0]].id, fraction: $0.1) }.sorted { $0.id < $1.id })
    }

    static func fractionVector(_ composition: Composition, _ elements: [Element]) -> [Double] {
        let fractions = composition.fractions
        return elements.map { fractions[$0] ?? 0 }
    }
}

extension Composition {
    /// The formula as amounts by atomic number (`Fe2O3`), for messages.
    var formulaText: String {
        elements.map { element in
            let amount = self[element]
            return amount == 1 ? element.symbol : element.symbol + (amount == amount.rounded() ? String(Int(amount)) : String(amount))
        }.joined()
    }
}
