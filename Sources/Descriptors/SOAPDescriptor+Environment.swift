import Crystal

/// The atoms around one SOAP center, grouped by species.
struct SOAPEnvironment {
    /// Per species index (the descriptor's sorted species), the vectors from the center to
    /// each contributing atom, Angstrom; the center itself appears as a zero vector.
    var displacements: [[SIMD3<Double>]]
}

extension SOAPDescriptor {
    /// The environment of every site of `structure` (the centers, in site order): every atom
    /// within `cutoffRadius + cutoffPadding` (distance squared <= cutoff squared, DScribe's
    /// cell-list rule), the center itself included, periodic images included when
    /// ``periodic``.
    func environments(of structure: Structure) throws -> [SOAPEnvironment] {
        let cutoff = cutoffRadius + cutoffPadding
        let cutoffSquared = cutoff * cutoff
        var speciesIndex = [Int](repeating: -1, count: Element.maximumAtomicNumber + 1)
        for (index, element) in species.enumerated() { speciesIndex[element.atomicNumber] = index }
        let siteSpecies = structure.species.map { speciesIndex[$0.atomicNumber] }
        var result = [SOAPEnvironment]()
        result.reserveCapacity(structure.atomCount)
        if periodic {
            let list = try structure.neighbors(within: cutoff)
            for site in 0..<structure.atomCount {
                var groups = [[SIMD3<Double>]](repeating: [], count: species.count)
                groups[siteSpecies[site]].append(.zero)
                for neighbor in list.sites[site] {
                    let d = neighbor.displacement
                    guard (d * d).sum() <= cutoffSquared else { continue }
                    groups[siteSpecies[neighbor.index]].append(d)
                }
                result.append(SOAPEnvironment(displacements: groups))
            }
        } else {
            let positions = structure.cartesianCoordinates
            for site in 0..<structure.atomCount {
                var groups = [[SIMD3<Double>]](repeating: [], count: species.count)
                for other in 0..<structure.atomCount {
                    let d = positions[other] - positions[site]
                    guard (d * d).sum() <= cutoffSquared else { continue }
                    groups[siteSpecies[other]].append(other == site ? .zero : d)
                }
                result.append(SOAPEnvironment(displacements: groups))
            }
        }
        return result
    }
}
