import Crystal
import JSONSupport

extension Frontend {
    /// `matgrade compute composition FORMULA`: the parsed composition with pymatgen's formula
    /// conventions.
    ///
    /// JSON: `{"input": "Fe2O3", "formula": "Fe2O3", "reduced_formula": "Fe2O3",
    /// "reduction_factor": 1, "atom_count": 5, "weight": 159.6882, "elements": [{"symbol":
    /// "Fe", "atomic_number": 26, "amount": 2, "fraction": 0.4}, ...]}`; elements in pymatgen's
    /// formula order (by electronegativity), weight in amu.
    public static func composition(formula input: String, format: OutputFormat) throws -> String {
        let composition = try Composition(formula: input)
        let elements = composition.elementsByElectronegativity
        let fractions = composition.fractions
        let (reduced, factor) = composition.reducedFormulaAndFactor
        switch format {
        case .json:
            var json = JSONWriter()
            json.raw("{\"input\": "); json.string(input)
            json.raw(", \"formula\": "); json.string(composition.formula)
            json.raw(", \"reduced_formula\": "); json.string(reduced)
            json.raw(", \"reduction_factor\": "); json.number(factor)
            json.raw(", \"atom_count\": "); json.number(composition.atomCount)
            json.raw(", \"weight\": "); json.number(composition.weight)
            json.raw(", \"elements\": ")
            json.array(elements) { json, element in
                json.raw("{\"symbol\": "); json.string(element.symbol)
                json.raw(", \"atomic_number\": "); json.integer(element.atomicNumber)
                json.raw(", \"amount\": "); json.number(composition[element])
                json.raw(", \"fraction\": "); json.number(fractions[element] ?? 0)
                json.raw("}")
            }
            json.raw("}\n")
            return json.text
        case .table:
            var table = TextTable(headers: ["element", "Z", "amount", "fraction", "mass (amu)"])
            for element in elements {
                table.add([
                    element.symbol, String(element.atomicNumber), Self.format(composition[element]),
                    Self.format(fractions[element] ?? 0, digits: 6), Self.format(element.atomicMass * composition[element], digits: 4),
                ])
            }
            return """
                \(input): \(composition.formula), reduced \(reduced) (factor \(Self.format(factor)))
                \(Self.format(composition.atomCount)) atoms, \(Self.format(composition.weight, digits: 4)) amu

                \(table.rendered())
                """
        }
    }
}
