import Crystal
import Foundation
import Descriptors
import JSONSupport
import LinearAlgebra

extension Frontend {
    /// The kernel's radial bases and averaging modes, named for the CLI target (which imports
    /// only Frontend).
    public typealias SOAPBasis = SOAPRadialBasis
    public typealias SOAPAverage = SOAPAveraging

    /// The options of `matgrade compute soap` and `soap-similarity`, as DScribe names them.
    public struct SOAPOptions: Sendable {
        /// r_cut, Angstrom.
        public var cutoffRadius: Double
        public var nMax: Int
        public var lMax: Int
        /// Gaussian width, Angstrom.
        public var sigma: Double
        public var radialBasis: SOAPRadialBasis
        public var averaging: SOAPAveraging
        /// Element symbols; nil: the elements of the given structures.
        public var species: [String]?
        /// nil: periodic (every structure matgrade reads has a lattice).
        public var periodic: Bool?

        public init(
            cutoffRadius: Double, nMax: Int, lMax: Int, sigma: Double, radialBasis: SOAPRadialBasis,
            averaging: SOAPAveraging, species: [String]? = nil, periodic: Bool? = nil
        ) {
            self.cutoffRadius = cutoffRadius
            self.nMax = nMax
            self.lMax = lMax
            self.sigma = sigma
            self.radialBasis = radialBasis
            self.averaging = averaging
            self.species = species
            self.periodic = periodic
        }
    }

    /// The CLI option behind each parameter name ``SOAPDescriptor`` reports in its errors.
    static let soapOptionNames = ["r_cut": "--rcut", "n_max": "--nmax", "l_max": "--lmax", "sigma": "--sigma", "species": "--species"]

    /// `matgrade compute soap FILE ...`: DScribe's SOAP vectors of one structure.
    ///
    /// JSON (stable): `{"species": ["O", "Fe"], "shape": [rows, features], "vectors":
    /// [[...], ...]}`: species in the vector's order (by atomic number), one row per site (file
    /// order) with `--average off`, one row for `inner` / `outer`; the layout of
    /// ``SOAPDescriptor`` (DScribe's).
    public static func soap(path: String, options: SOAPOptions) throws -> String {
        let structure = try Structure.read(contentsOf: path)
        let descriptor = try soapDescriptor(options, structures: [structure])
        let vectors = try mappingSOAPErrors { try descriptor.spectra(of: structure) }
        var json = JSONWriter()
        json.raw("{\"species\": ")
        json.array(descriptor.species) { $0.string($1.symbol) }
        json.raw(", \"shape\": [\(vectors.rowCount), \(vectors.columnCount)], \"vectors\": [")
        for row in 0..<vectors.rowCount {
            json.raw(row == 0 ? "\n  " : ",\n  ")
            json.numbers(vectors.row(row))
        }
        json.raw("\n]}\n")
        return json.text
    }

    /// `matgrade compute soap-similarity FILE FILE ...`: the normalised SOAP kernel between
    /// structures (``SOAPSimilarity``; with the default `--average outer`, DScribe's
    /// `AverageKernel(metric="linear")`) and, for each structure, the others from most to
    /// least similar (ties by file order).
    ///
    /// JSON (stable): `{"files": [...], "species": [...], "kernel": [[...], ...], "nearest":
    /// [[...], ...]}`, indices from 0 in file order.
    public static func soapSimilarity(paths: [String], options: SOAPOptions) throws -> String {
        guard paths.count >= 2 else {
            throw FrontendError.invalidOption(name: "FILE", value: paths.joined(separator: " "), reason: "give at least two structure files to compare")
        }
        guard options.averaging != .off else {
            throw FrontendError.invalidOption(
                name: "--average", value: "off", reason: "similarity compares one vector per structure; use inner or outer (outer is DScribe's AverageKernel with the linear metric)")
        }
        let structures = try paths.map { try Structure.read(contentsOf: $0) }
        let descriptor = try soapDescriptor(options, structures: structures)
        var rows: [[Double]] = []
        for (path, structure) in zip(paths, structures) {
            do {
                rows.append(try mappingSOAPErrors { try descriptor.spectra(of: structure) }.row(0))
            } catch let FrontendError.invalidOption(name, value, reason) {
                throw FrontendError.invalidOption(name: name, value: value, reason: "\(path): \(reason)")
            }
        }
        let similarity = try SOAPSimilarity(vectors: try Matrix(rows: rows))
        var json = JSONWriter()
        json.raw("{\"files\": ")
        json.array(paths) { $0.string($1) }
        json.raw(", \"species\": ")
        json.array(descriptor.species) { $0.string($1.symbol) }
        json.raw(", \"kernel\": [")
        for row in 0..<similarity.kernel.rowCount {
            json.raw(row == 0 ? "\n  " : ",\n  ")
            json.numbers(similarity.kernel.row(row))
        }
        json.raw("\n], \"nearest\": [")
        for (row, order) in similarity.nearest.enumerated() {
            json.raw(row == 0 ? "\n  " : ",\n  ")
            json.integers(order)
        }
        json.raw("\n]}\n")
        return json.text
    }

    /// The descriptor for `options`: species from `--species` (checked) or the structures.
    static func soapDescriptor(_ options: SOAPOptions, structures: [Structure]) throws -> SOAPDescriptor {
        var species: [Element]
        if let symbols = options.species {
            species = []
            for symbol in symbols {
                let trimmed = symbol.trimmingCharacters(in: .whitespaces)
                guard let element = Element.lookup(symbol: trimmed) else {
                    throw FrontendError.invalidOption(
                        name: "--species", value: symbols.joined(separator: ","),
                        reason: "'\(trimmed)' is not an element symbol (symbols are case-sensitive, e.g. Fe,O)")
                }
                species.append(element)
            }
        } else {
            species = Array(Set(structures.flatMap(\.species)))
        }
        return try mappingSOAPErrors {
            try SOAPDescriptor(
                species: species, cutoffRadius: options.cutoffRadius, nMax: options.nMax, lMax: options.lMax,
                sigma: options.sigma, radialBasis: options.radialBasis, periodic: options.periodic ?? true,
                averaging: options.averaging)
        }
    }

    /// Re-labels the kernel's parameter errors with the CLI option that sets them.
    static func mappingSOAPErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let DescriptorsError.invalidOption(name, value, reason) {
            guard let option = soapOptionNames[name] else { throw DescriptorsError.invalidOption(name: name, value: value, reason: reason) }
            throw FrontendError.invalidOption(name: option, value: value, reason: reason)
        }
    }
}
