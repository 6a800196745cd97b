import ArgumentParser
import Frontend

extension Frontend.SOAPBasis: ExpressibleByArgument {}
extension Frontend.SOAPAverage: ExpressibleByArgument {}

/// The SOAP options shared by `compute soap` and `compute soap-similarity` (DScribe's names).
struct SOAPOptionGroup: ParsableArguments {
    @Option(name: .customLong("rcut"), help: "Cutoff radius r_cut, Angstrom (> 1 for gto).")
    var cutoffRadius: Double

    @Option(name: .customLong("nmax"), help: "Number of radial basis functions n_max (>= 1).")
    var nMax: Int

    @Option(name: .customLong("lmax"), help: "Maximum degree l_max of the spherical harmonics (0...20).")
    var lMax: Int

    @Option(help: "Width of the atomic Gaussians, Angstrom (> 0).")
    var sigma: Double

    @Option(help: "Radial basis: gto or polynomial.")
    var rbf: Frontend.SOAPBasis = .gto

    @Option(help: ArgumentHelp("Comma-separated element symbols the vectors are laid out for (default: the elements of the input).", valueName: "Fe,O,..."))
    var species: String?

    @Flag(inversion: .prefixedNo, help: "Count periodic images (default: periodic; --no-periodic treats the sites as a molecule).")
    var periodic: Bool = true

    func options(averaging: Frontend.SOAPAverage) -> Frontend.SOAPOptions {
        Frontend.SOAPOptions(
            cutoffRadius: cutoffRadius, nMax: nMax, lMax: lMax, sigma: sigma, radialBasis: rbf, averaging: averaging,
            species: species.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) },
            periodic: periodic)
    }
}

struct ComputeSOAP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soap",
        abstract: "SOAP power spectra of a structure, exactly as DScribe 2.1.2's SOAP computes them.",
        discussion: """
            FILE may be CIF, POSCAR/CONTCAR, extended XYZ or pymatgen Structure JSON. The vectors \
            follow DScribe's layout: species sorted by atomic number; pairs Z1 <= Z2; then l; \
            then n, n' (n' >= n within one species). JSON: {"species": [...], "shape": [rows, \
            features], "vectors": [[...], ...]}, one row per site with --average off, one row \
            with inner (average the coefficients) or outer (average the spectra).
            """)

    @Argument(help: "A structure file.")
    var file: String

    @OptionGroup var soap: SOAPOptionGroup

    @Option(help: "off (one vector per site), inner or outer.")
    var average: Frontend.SOAPAverage = .off

    func run() throws {
        print(try Frontend.soap(path: file, options: soap.options(averaging: average)), terminator: "")
    }
}

struct ComputeSOAPSimilarity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soap-similarity",
        abstract: "Normalised SOAP similarity between structures and each one's nearest others.",
        discussion: """
            k(A, B) = p_A . p_B / sqrt(p_A . p_A  p_B . p_B) for averaged SOAP vectors p; with the \
            default --average outer this is DScribe's AverageKernel(metric="linear"). Species \
            default to every element of every file. JSON: {"files": [...], "species": [...], \
            "kernel": [[...]], "nearest": [[...]]}; nearest[i] lists the other files' indices \
            (from 0) from most to least similar, ties by file order.
            """)

    @Argument(help: "Two or more structure files.")
    var files: [String]

    @OptionGroup var soap: SOAPOptionGroup

    @Option(help: "inner or outer (the default; DScribe's AverageKernel with the linear metric).")
    var average: Frontend.SOAPAverage = .outer

    func run() throws {
        print(try Frontend.soapSimilarity(paths: files, options: soap.options(averaging: average)), terminator: "")
    }
}
