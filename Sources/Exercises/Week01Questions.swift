import Foundation
import JSONSupport
import MaterialsDB

/// The four questions of a week-1 case (``Week01Database``), their generation from a case's
/// entries and their answers from the database.
struct Week01Questions: Hashable, Sendable {
    var selection: [Week01Condition]
    /// Alphabetical symbols.
    var chemicalSystem: [String]
    var spaceGroupFamily: [Week01Condition]
    var statisticsProperty: String
    var statisticsConditions: [Week01Condition]

    static let selectionProperties = ["formation_energy_per_atom", "band_gap", "e_above_hull"]
    static let statisticsProperties = ["formation_energy_per_atom", "band_gap", "e_above_hull", "experimental_band_gap"]
    /// eV/atom: the lowest formation energy of a system must beat the next by this much, so
    /// the answer does not hang on rounding.
    static let ambiguityMargin = 1e-4

    struct Answers: Hashable, Sendable {
        var selectionIDs: [String]
        var lowestFormationID: String
        var lowestFormationEnergy: Double
        var spaceGroupMode: (number: Int, count: Int)
        /// count, mean, median, std (ddof = 1), min, max.
        var statistics: [Double]

        static func == (a: Answers, b: Answers) -> Bool { a.json == b.json }
        func hash(into hasher: inout Hasher) { hasher.combine(json) }

        var json: JSONValue {
            .object([
                "selection_ids": .array(selectionIDs.map(JSONValue.string)),
                "lowest_formation_id": .string(lowestFormationID),
                "lowest_formation_energy_per_atom": .number(lowestFormationEnergy),
                "space_group_mode": .array([.number(Double(spaceGroupMode.number)), .number(Double(spaceGroupMode.count))]),
                "property_statistics": .array(statistics.map(JSONValue.number)),
            ])
        }
    }

    var json: JSONValue {
        func withFilter(_ conditions: [Week01Condition], _ extra: [String: JSONValue] = [:]) -> JSONValue {
            var fields = extra
            fields["conditions"] = .array(conditions.map(\.json))
            fields["filter"] = .string(Week01Condition.optimade(conditions))
            return .object(fields)
        }
        return .object([
            "selection": withFilter(selection),
            "lowest_formation_energy": .object(["chemical_system": .string(chemicalSystem.joined(separator: "-"))]),
            "space_group_mode": withFilter(spaceGroupFamily),
            "property_statistics": withFilter(statisticsConditions, ["property": .string(statisticsProperty)]),
        ])
    }

    init(selection: [Week01Condition], chemicalSystem: [String], spaceGroupFamily: [Week01Condition],
         statisticsProperty: String, statisticsConditions: [Week01Condition]) {
        (self.selection, self.chemicalSystem, self.spaceGroupFamily) = (selection, chemicalSystem.sorted(), spaceGroupFamily)
        (self.statisticsProperty, self.statisticsConditions) = (statisticsProperty, statisticsConditions)
    }

    /// Reads a case's `questions` (the `filter` texts are for people; the conditions count).
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` naming the question and field.
    init(json: JSONValue?, field: String) throws {
        let fields = json?.objectValue ?? [:]
        func question(_ name: String) throws -> [String: JSONValue] {
            guard let object = fields[name]?.objectValue else {
                throw ExercisesError.badInput(field: "\(field).\(name)", reason: "must be an object (got \(fields[name]?.abbreviated() ?? "nothing")); see the README's input document")
            }
            return object
        }
        let selection = try Week01Condition.read(try question("selection")["conditions"], field: "\(field).selection.conditions")
        let lowest = try question("lowest_formation_energy")
        guard let system = lowest["chemical_system"]?.stringValue, !system.isEmpty else {
            throw ExercisesError.badInput(field: "\(field).lowest_formation_energy.chemical_system", reason: "must be element symbols joined by '-' such as \"Fe-Li-O\" (got \(lowest["chemical_system"]?.abbreviated() ?? "nothing"))")
        }
        let symbols = system.split(separator: "-").map(String.init)
        guard symbols.allSatisfy({ Week01Data.mask([$0]) != SIMD2(0, 0) }), Set(symbols).count == symbols.count else {
            throw ExercisesError.badInput(field: "\(field).lowest_formation_energy.chemical_system", reason: "\"\(system)\" must name different element symbols joined by '-', such as \"Fe-Li-O\"")
        }
        let family = try Week01Condition.read(try question("space_group_mode")["conditions"], field: "\(field).space_group_mode.conditions")
        let statistics = try question("property_statistics")
        guard let property = statistics["property"]?.stringValue, Week01Condition.numericProperties.contains(property) else {
            throw ExercisesError.badInput(field: "\(field).property_statistics.property", reason: "must be one of \(Week01Condition.numericProperties.joined(separator: ", ")) (got \(statistics["property"]?.abbreviated() ?? "nothing"))")
        }
        let conditions = try Week01Condition.read(statistics["conditions"], field: "\(field).property_statistics.conditions")
        self.init(selection: selection, chemicalSystem: symbols, spaceGroupFamily: family, statisticsProperty: property, statisticsConditions: conditions)
    }

    /// The exact-system filter: these elements and no others.
    var systemConditions: [Week01Condition] {
        [Week01Condition("elements", .hasOnly, symbols: chemicalSystem), Week01Condition("nelements", .equal, number: Double(chemicalSystem.count))]
    }

    // MARK: Answers, from the database

    /// Loads `entries` into an in-memory ``MaterialsDatabase`` and answers every question
    /// with an OPTIMADE filter.
    /// - Throws: ``ExercisesError/badInput(field:reason:)`` when a question has no answer
    ///   (no entry of the system, too few values for a standard deviation).
    func answers(entries: [Week01Entry]) throws -> Answers {
        let database: MaterialsDatabase
        do {
            database = try MaterialsDatabase(path: ":memory:")
            try database.insert(entries.map(\.materialEntry))
        } catch {
            throw ExercisesError.badInput(field: "entries", reason: "\(error)")
        }
        func run(_ conditions: [Week01Condition], fields: [String], sort: String? = nil, limit: Int? = nil, question: String) throws -> [[String: JSONValue]] {
            do {
                return try database.query(filter: Week01Condition.optimade(conditions), fields: fields, sort: sort, limit: limit)
            } catch {
                throw ExercisesError.badInput(field: "questions.\(question).conditions", reason: "\(error)")
            }
        }
        let selected = try run(selection, fields: ["id"], question: "selection").compactMap { $0["id"]?.stringValue }

        let energy = Week01Condition("formation_energy_per_atom", .isKnown)
        let lowest = try run(systemConditions + [energy], fields: ["id", "formation_energy_per_atom"], sort: "formation_energy_per_atom",
                             limit: 1, question: "lowest_formation_energy")
        guard let first = lowest.first, let lowestID = first["id"]?.stringValue,
              let lowestEnergy = first["formation_energy_per_atom"]?.numberValue else {
            throw ExercisesError.badInput(field: "questions.lowest_formation_energy.chemical_system",
                                          reason: "no entry of exactly \(chemicalSystem.joined(separator: "-")) has a formation energy")
        }

        let groups = try run(spaceGroupFamily + [Week01Condition("space_group_it_number", .isKnown)], fields: ["space_group_it_number"],
                             question: "space_group_mode").compactMap { $0["space_group_it_number"]?.integerValue }
        guard let mode = Self.mode(groups) else {
            throw ExercisesError.badInput(field: "questions.space_group_mode.conditions", reason: "no entry that satisfies them knows its space group")
        }

        let values = try run(statisticsConditions + [Week01Condition(statisticsProperty, .isKnown)], fields: [statisticsProperty],
                             question: "property_statistics").compactMap { $0[statisticsProperty]?.numberValue }
        guard let statistics = Self.statistics(values) else {
            throw ExercisesError.badInput(field: "questions.property_statistics.conditions",
                                          reason: "\(values.count) entries satisfy them and know \(statisticsProperty); a standard deviation needs 2")
        }
        return Answers(selectionIDs: selected, lowestFormationID: lowestID, lowestFormationEnergy: lowestEnergy,
                       spaceGroupMode: mode, statistics: statistics)
    }

    /// The most frequent value and its count; ties go to the smallest value.
    static func mode(_ values: [Int]) -> (number: Int, count: Int)? {
        let counts = Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +)
        return counts.min { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }

    /// count, mean, median, std (ddof = 1), min, max; nil for fewer than two values.
    static func statistics(_ values: [Double]) -> [Double]? {
        guard values.count >= 2 else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return [n, mean, median, variance.squareRoot(), sorted[0], sorted[sorted.count - 1]]
    }

    // MARK: Generation

    /// Questions about `entries` whose answers are well defined and not too small: a
    /// selection of 5 to 400 entries, a chemical system with a unique lowest formation
    /// energy, a space-group family with a unique mode, statistics over at least 5 values.
    /// Choices prefer the questions on which the classic mistakes (unknown as zero, HAS ANY
    /// for HAS ALL, subsystems counted in a system) give other answers.
    /// - Throws: ``ExercisesError/badParameter(name:value:fix:)`` when the pool is too poor.
    static func make(pool: [String], entries: [Week01Entry], random: inout SplitMix64) throws -> Week01Questions {
        func count(_ conditions: [Week01Condition]) -> Int { entries.lazy.filter { e in conditions.allSatisfy { $0.matches(e) } }.count }
        func values(_ property: String, _ conditions: [Week01Condition]) -> [Double] {
            entries.compactMap { e in conditions.allSatisfy { $0.matches(e) } ? e.number(property) : nil }
        }
        func pick<T>(_ list: [T]) -> T { list[random.index(below: list.count)] }
        let poolText = pool.joined(separator: "-")
        func poor(_ what: String) -> ExercisesError {
            .badParameter(name: "elements", value: "\"\(poolText)\"", fix: "the entries within these elements allow no \(what); choose elements that form more compounds together")
        }
        let comparisons: [Week01Condition.Operator] = [.less, .lessOrEqual, .greater, .greaterOrEqual]

        // Selection: two elements present together, maybe an element count, one property threshold.
        var selection: [Week01Condition]?
        var fallback: [Week01Condition]?
        for _ in 0..<400 where selection == nil {
            let first = pick(pool)
            let second = pick(pool.filter { $0 != first })
            var conditions = [Week01Condition("elements", .hasAll, symbols: [first, second].sorted())]
            if random.unit() < 0.5 {
                let op: Week01Condition.Operator = pick([.equal, .lessOrEqual, .greaterOrEqual])
                conditions.append(Week01Condition("nelements", op, number: Double(2 + random.index(below: 2))))
            }
            let property = pick(selectionProperties)
            let known = values(property, conditions).sorted()
            guard known.count >= 10 else { continue }
            let threshold = (known[Int(Double(known.count - 1) * random.uniform(0.2, 0.8))] * 100).rounded() / 100
            conditions.append(Week01Condition(property, pick(comparisons), number: threshold))
            guard (5...400).contains(count(conditions)) else { continue }
            fallback = fallback ?? conditions
            // Prefer one where both classic mistakes change the answer.
            var anyElement = conditions
            anyElement[0] = Week01Condition("elements", .hasAny, symbols: conditions[0].symbols)
            let changesWithAny = count(anyElement) != count(conditions)
            let unknownMatters = entries.contains { e in
                e.number(property) == nil && conditions.dropLast().allSatisfy { $0.matches(e) }
                    && Week01Condition(property, conditions.last!.op, number: threshold).matchesValue(0)
            }
            if changesWithAny && unknownMatters { selection = conditions }
        }
        guard let selection = selection ?? fallback else { throw poor("selection of 5 to 400 entries") }

        // Lowest formation energy of a system of two or three pool elements.
        var systems: [[String]] = []
        for a in 0..<pool.count {
            for b in (a + 1)..<pool.count {
                systems.append([pool[a], pool[b]])
                for c in (b + 1)..<pool.count { systems.append([pool[a], pool[b], pool[c]]) }
            }
        }
        var preferred: [[String]] = [], acceptable: [[String]] = []
        for system in systems {
            let exact = values("formation_energy_per_atom", [Week01Condition("elements", .hasOnly, symbols: system),
                                                             Week01Condition("nelements", .equal, number: Double(system.count))]).sorted()
            guard exact.count >= 3, exact[1] - exact[0] >= ambiguityMargin else { continue }
            acceptable.append(system)
            let within = values("formation_energy_per_atom", [Week01Condition("elements", .hasOnly, symbols: system)])
            if let lowestAny = within.min(), lowestAny < exact[0] - ambiguityMargin { preferred.append(system) }
        }
        guard !acceptable.isEmpty else { throw poor("binary or ternary system with three formation energies") }
        let system = pick(preferred.isEmpty ? acceptable : preferred)

        // Space-group family: an element count, and maybe a size or element condition.
        let withGroup = entries.filter { $0.spaceGroupNumber != nil }
        let prototypeSymbols = Array(Set(withGroup.flatMap(\.elements))).sorted()
        var family: [Week01Condition]?
        for _ in 0..<400 where family == nil {
            var conditions = [Week01Condition("nelements", .equal, number: Double(1 + random.index(below: 3)))]
            switch random.index(below: 3) {
            case 0: conditions.append(Week01Condition("nsites", pick([.lessOrEqual, .greater]), number: Double(pick([2, 4, 6, 8, 12, 16]))))
            case 1:
                var symbols = Set<String>()
                while symbols.count < 4 { symbols.insert(pick(prototypeSymbols)) }
                conditions.append(Week01Condition("elements", .hasAny, symbols: symbols.sorted()))
            default: break
            }
            let groups = withGroup.filter { e in conditions.allSatisfy { $0.matches(e) } }.compactMap(\.spaceGroupNumber)
            guard groups.count >= 6, let mode = mode(groups) else { continue }
            let counts = Dictionary(groups.map { ($0, 1) }, uniquingKeysWith: +)
            guard counts.values.filter({ $0 == mode.count }).count == 1 else { continue }
            family = conditions
        }
        guard let family else { throw poor("space-group family with a unique most common group") }

        // Statistics of a property over entries with one or two pool elements.
        var statistics: (String, [Week01Condition])?
        for _ in 0..<400 where statistics == nil {
            let property = pick(statisticsProperties)
            var conditions = [Week01Condition("elements", pick([.hasAll, .hasAny]), symbols: [pick(pool)])]
            if random.unit() < 0.6 { conditions.append(Week01Condition("nelements", .equal, number: Double(2 + random.index(below: 2)))) }
            guard values(property, conditions).count >= 5 else { continue }
            statistics = (property, conditions)
        }
        guard let statistics else { throw poor("property with five known values") }
        return Week01Questions(selection: selection, chemicalSystem: system, spaceGroupFamily: family,
                               statisticsProperty: statistics.0, statisticsConditions: statistics.1)
    }
}
