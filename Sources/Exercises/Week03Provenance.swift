import JSONSupport

/// Week 3's structured part: where each field of a materials-database entry comes from.
///
/// The vocabulary (``options``), as `exercises/w03-simulation-assumptions/README.md` defines it:
/// - `dft`: printed by the DFT calculation itself (one self-consistent run or relaxation);
/// - `derived`: computed afterwards from DFT results, possibly with other entries, fitted
///   corrections or a post-processing code (a hull, a symmetry finder, an average);
/// - `experimental`: measured on a real sample, whatever database stores it.
///
/// The rubric (`rubrics/w03-simulation-assumptions.toml`) grades each field with `choice`: the
/// full-credit answer here, partial credit for a defensible neighbour (a test checks the two
/// agree). Field names and descriptions follow the Materials Project's summary documents.
enum Week03Provenance {
    struct Field: Sendable {
        let name: String
        let unit: String
        let description: String
        /// The full-credit answer.
        let origin: String
    }

    static let options = ["dft", "derived", "experimental"]

    static let fields: [Field] = [
        Field(name: "energy", unit: "eV per cell",
              description: "total energy of the relaxed cell as the GGA(+U) calculation printed it, before any correction",
              origin: "dft"),
        Field(name: "formation_energy_per_atom", unit: "eV/atom",
              description: "energy per atom relative to the elemental reference phases, with the fitted anion and GGA/GGA+U mixing corrections",
              origin: "derived"),
        Field(name: "energy_above_hull", unit: "eV/atom",
              description: "distance of the entry above the convex hull of all entries of its chemical system",
              origin: "derived"),
        Field(name: "band_gap", unit: "eV",
              description: "Kohn-Sham band gap of the relaxed structure from the GGA band-structure calculation",
              origin: "dft"),
        Field(name: "experimental_band_gap", unit: "eV",
              description: "optical band gap measured on a crystal, collected from the literature",
              origin: "experimental"),
        Field(name: "total_magnetization", unit: "Bohr magnetons per cell",
              description: "net magnetic moment of the cell at self-consistency of the spin-polarised calculation",
              origin: "dft"),
        Field(name: "density", unit: "g/cm^3",
              description: "mass density computed from the composition and the volume of the relaxed cell",
              origin: "derived"),
        Field(name: "space_group_symbol", unit: "",
              description: "space group of the relaxed structure as spglib finds it at a symmetry tolerance of 0.1 Angstrom",
              origin: "derived"),
        Field(name: "bulk_modulus_vrh", unit: "GPa",
              description: "Voigt-Reuss-Hill average bulk modulus from the elastic tensor fitted to strained calculations",
              origin: "derived"),
        Field(name: "experimental_formation_enthalpy", unit: "eV/atom",
              description: "standard formation enthalpy from calorimetry tables (Kubaschewski), used to fit energy corrections",
              origin: "experimental"),
    ]

    /// The input's `database_fields` and `provenance_options`.
    static var inputFields: [String: JSONValue] {
        [
            "database_fields": .array(fields.map { field in
                .object(["name": .string(field.name), "unit": .string(field.unit), "description": .string(field.description)])
            }),
            "provenance_options": .array(options.map(JSONValue.string)),
        ]
    }

    /// The reference's `provenance`: `{field name: origin}`.
    static var referenceField: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.name, JSONValue.string($0.origin)) }))
    }
}
