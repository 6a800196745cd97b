import Crystal
import JSONSupport

/// The invariance copies of a week 6 input: the same crystal rotated (lattice rows rotated
/// in Cartesian space, fractional coordinates unchanged), translated (every fractional
/// coordinate shifted by one random vector, then wrapped into [0, 1) like every graded input,
/// so `structure` and `cif` agree; image offsets change, which the rubric's invariance check
/// ignores), and with its sites permuted. Each copy's `cif` is regenerated; every other field
/// is kept.
enum Week06Variants {
    static func variants(of input: JSONValue, seed: UInt64) throws -> [InvarianceVariant] {
        let structure = try StructureDocument.structure(in: input)
        var random = SplitMix64(seed: seed)

        let rotation = random.rotation()
        let vectors = structure.lattice.vectors.map { v in SIMD3((rotation[0] * v).sum(), (rotation[1] * v).sum(), (rotation[2] * v).sum()) }
        let rotated = try Structure(
            lattice: Lattice(a: vectors[0], b: vectors[1], c: vectors[2]), species: structure.species,
            fractionalCoordinates: structure.fractionalCoordinates, labels: structure.labels)

        let shift = SIMD3(random.uniform(0.1, 0.9), random.uniform(0.1, 0.9), random.uniform(0.1, 0.9))
        let translated = try Structure(
            lattice: structure.lattice, species: structure.species,
            fractionalCoordinates: structure.fractionalCoordinates.map { $0 + shift }, labels: structure.labels).wrapped()

        var order = random.permutation(of: structure.atomCount)
        if structure.atomCount > 1 && order == Array(0..<structure.atomCount) { order.swapAt(0, 1) }
        let permuted = try structure.permuted(order)

        return [
            InvarianceVariant(name: "rotated", input: replacingStructure(of: input, with: rotated)),
            InvarianceVariant(name: "translated", input: replacingStructure(of: input, with: translated)),
            InvarianceVariant(name: "permuted", input: replacingStructure(of: input, with: permuted), siteOrder: order),
        ]
    }

    static func replacingStructure(of input: JSONValue, with structure: Structure) -> JSONValue {
        var fields = input.objectValue ?? [:]
        fields["structure"] = StructureDocument.json(structure)
        fields["cif"] = .string(structure.cifString())
        return .object(fields)
    }
}
