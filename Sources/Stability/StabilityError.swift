/// Errors of the Stability module; `description` says what is wrong, the value, and the fix.
public enum StabilityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No entry at all.
    case noEntries
    /// An element of some entry has no entry of the pure element.
    case missingElementalReference(element: String, usedBy: String)
    /// A non-finite energy.
    case nonFiniteEnergy(id: String, value: Double)
    /// Two entries share an id.
    case duplicateID(String)
    /// A composition outside the diagram's elements.
    case outsideSystem(formula: String, elements: [String])
    /// The hull search did not finish (degenerate input beyond the iteration bound).
    case noConvergence(formula: String)

    public var description: String {
        switch self {
        case .noEntries:
            return "no entries given; list at least the elemental references (one entry per element)"
        case let .missingElementalReference(element, usedBy):
            return "\(usedBy) contains \(element), but no entry is pure \(element); add an elemental reference entry for \(element) (its energy per atom), as pymatgen's PhaseDiagram needs"
        case let .nonFiniteEnergy(id, value):
            return "entry \(id): energy per atom is \(value); give a finite number (eV/atom)"
        case let .duplicateID(id):
            return "entry id \(id) appears twice; give every entry its own id"
        case let .outsideSystem(formula, elements):
            return "\(formula) has elements outside the diagram (\(elements.joined(separator: "-"))); add entries for them or query within the system"
        case let .noConvergence(formula):
            return "the hull search for \(formula) did not converge; report this input to the matgrade maintainers"
        }
    }
}
