import Crystal
import Descriptors
import Testing

@Suite("CGCNN one-hot atom features")
struct AtomFeatureTests {
    /// Expected category per block (group, period, electronegativity, covalent radius, valence
    /// electrons, first ionization energy, electron affinity, block, atomic volume), worked by
    /// hand from the Magpie tables with k = floor((x - lower) / ((upper - lower) / 10)):
    static let handWorked: [(String, [Int?])] = [
        // Fe: column 8; row 4; chi 1.83: 1.33/0.35 = 3.8; r 132 pm: 107/22.5 = 4.76;
        // 4s2 3d6 = 8; ln 7.9024 = 2.067: 0.767/0.2 = 3.8; 15.7 kJ/mol = 0.163 eV:
        // 3.163/0.67 = 4.7; d; ln 7.09 = 1.959: 0.459/0.28 = 1.6.
        ("Fe", [8, 3, 3, 4, 7, 3, 4, 2, 1]),
        // O: 16; 2; 3.44: 8.4; 66: 1.8; 2s2 2p4 = 6; ln 13.618 = 2.611: 6.6;
        // 141 kJ/mol = 1.461 eV: 6.7; p; ln 17.36 = 2.854: 4.8.
        ("O", [16, 1, 8, 1, 5, 6, 6, 1, 4]),
        // Na: 1; 3; 0.93: 1.2; 166: 6.3; 3s1 = 1; ln 5.139 = 1.637: 1.7; 52.8 kJ/mol =
        // 0.547 eV: 5.3; s; ln 23.78 = 3.169: 6.0 (5.96).
        ("Na", [1, 2, 1, 6, 0, 1, 5, 0, 5]),
        // Cl: 17; 3; 3.16: 7.6; 102: 3.4; 3s2 3p5 = 7; ln 12.968 = 2.562: 6.3;
        // 349 kJ/mol = 3.617 eV: 9.9; p; ln 17.39 = 2.856: 4.8.
        ("Cl", [17, 2, 7, 3, 6, 6, 9, 1, 4]),
        // Si: 14; 3; 1.90: 1.40/0.35 = 4.0 exactly (bins closed on the left); 111: 3.8;
        // 3s2 3p2 = 4; ln 8.1517 = 2.098: 3.99; 133.6 kJ/mol = 1.385 eV: 6.5; p;
        // ln 12.06 = 2.490: 3.5.
        ("Si", [14, 2, 4, 3, 3, 3, 6, 1, 3]),
        // H: 1; 1; 2.20: 4.9; 31: 0.3; 1s1 = 1; ln 13.598 = 2.610: 6.55; 72.8 kJ/mol =
        // 0.755 eV: 5.6; s; ln 11.42 = 2.435: 3.3.
        ("H", [1, 0, 4, 0, 0, 6, 5, 0, 3]),
        // He: 18; 1; no electronegativity; 28: 0.1; 1s2 = 2; ln 24.587 = 3.202: 9.5;
        // Magpie's 0 kJ/mol (no bound anion): missing; s; ln 21.0 = 3.045: 5.5.
        ("He", [18, 0, nil, 0, 1, 9, nil, 0, 5]),
    ]

    @Test("categories of Fe, O, Na, Cl, Si, H, He worked by hand", arguments: handWorked.indices)
    func handWorkedCategories(index: Int) throws {
        let (symbol, expected) = Self.handWorked[index]
        let features = CGCNNAtomFeatures()
        let element = try Element(symbol: symbol)
        let observed = CGCNNAtomFeatures.Property.allCases.map { features.category($0, of: element) }
        #expect(observed == expected, "\(symbol): observed \(observed)")
        // The vector has a 1 exactly at offset + category of each present block.
        let vector = features.features(of: element)
        let hot = vector.indices.filter { vector[$0] == 1 }
        let expectedHot = zip(features.blocks, expected).compactMap { block, category in category.map { block.offset + $0 } }
        #expect(hot == expectedHot, "\(symbol): ones at \(hot)")
    }

    @Test("layout: 92 entries in atom_init.json's block order; Table S2's 93")
    func layouts() {
        let atomInit = CGCNNAtomFeatures(layout: .atomInit)
        #expect(atomInit.length == 92)
        #expect(atomInit.blocks.map(\.offset) == [0, 19, 26, 36, 46, 58, 68, 78, 82])
        #expect(atomInit.blocks.map { $0.property } == CGCNNAtomFeatures.Property.allCases)
        let tableS2 = CGCNNAtomFeatures(layout: .tableS2)
        #expect(tableS2.length == 93)
        #expect(tableS2.blocks.map { $0.range.count } == [18, 9, 10, 10, 12, 10, 10, 4, 10])
    }

    @Test("every block of every element 1-103 is exactly one-hot or all zero", arguments: CGCNNAtomFeatures.Layout.allCases)
    func oneHotOrZero(layout: CGCNNAtomFeatures.Layout) {
        let features = CGCNNAtomFeatures(layout: layout)
        var bad: [String] = []
        for element in Element.all {
            let vector = features.features(of: element)
            if vector.count != features.length { bad.append("\(element): length \(vector.count)") }
            if vector.contains(where: { $0 != 0 && $0 != 1 }) { bad.append("\(element): a value other than 0 or 1") }
            for block in features.blocks {
                let ones = vector[block.range].filter { $0 == 1 }.count
                let missing = features.input(block.property, of: element) == nil
                if ones != (missing ? 0 : 1) { bad.append("\(element).\(block.property.rawValue): \(ones) ones, input missing: \(missing)") }
            }
        }
        #expect(bad.isEmpty, "\(bad.prefix(10))")
    }

    @Test("missing inputs give all-zero blocks: He and Rn electronegativity, At ionization energy, Bk radius")
    func missingBlocks() throws {
        let features = CGCNNAtomFeatures()
        for (symbol, property) in [("He", CGCNNAtomFeatures.Property.electronegativity), ("Rn", .electronegativity),
                                   ("At", .firstIonizationEnergy), ("Bk", .covalentRadius), ("Xe", .electronAffinity),
                                   ("Fr", .electronAffinity), ("Fm", .atomicVolume)] {
            let element = try Element(symbol: symbol)
            #expect(features.input(property, of: element) == nil, "\(symbol).\(property)")
            let block = try #require(features.blocks.first { $0.property == property })
            #expect(features.features(of: element)[block.range].allSatisfy { $0 == 0 }, "\(symbol).\(property)")
        }
    }

    /// (symbol, layout, group, period, block, valence electrons), categories within blocks.
    static let fBlockConventions: [(String, CGCNNAtomFeatures.Layout, Int, Int, Int, Int)] = [
        ("La", .atomInit, 0, 5, 3, 1),   // f-block slot 0, period 6, f, 6s2 = 2
        ("Yb", .atomInit, 0, 5, 3, 1),
        ("Lu", .atomInit, 3, 5, 2, 2),   // group 3, d block, 6s2 5d1 = 3
        ("U", .atomInit, 0, 6, 3, 1),    // period 7
        ("La", .tableS2, 2, 7, 3, 1),    // group 3 (category 2), period 8
        ("Lu", .tableS2, 2, 7, 3, 1),    // f block in Table S2's (and pymatgen's) convention
        ("U", .tableS2, 2, 8, 3, 1),     // period 9
        ("Ga", .tableS2, 12, 3, 1, 2),   // 4s2 4p1 = 3: the filled 3d shell does not count
        ("Pd", .atomInit, 10, 4, 2, 9),  // 4d10 5s0 = 10
    ]

    @Test("lanthanide, actinide and valence conventions of the two layouts", arguments: fBlockConventions.indices)
    func fBlockConvention(index: Int) throws {
        let (symbol, layout, group, period, block, valence) = Self.fBlockConventions[index]
        let features = CGCNNAtomFeatures(layout: layout)
        let element = try Element(symbol: symbol)
        let observed = [features.category(.group, of: element), features.category(.period, of: element),
                        features.category(.block, of: element), features.category(.valenceElectrons, of: element)]
        #expect(observed == [group, period, block, valence], "\(symbol) \(layout): \(observed)")
    }

    @Test("binning: left-closed bins, clamped at both ends, logarithmic scales in ln")
    func binning() {
        let linear = CGCNNAtomFeatures.Binning.linear(lower: 0.5, upper: 4.0, count: 10)
        #expect(linear.index(of: 0.5) == 0)
        #expect(linear.index(of: 0.849) == 0)
        #expect(linear.index(of: 0.85) == 1)
        #expect(linear.index(of: -7) == 0)
        #expect(linear.index(of: 4.0) == 9)
        #expect(linear.index(of: 99) == 9)
        #expect(linear.index(of: .nan) == nil)
        let logarithmic = CGCNNAtomFeatures.Binning.logarithmic(lower: 1.5, upper: 4.3, count: 10)
        #expect(logarithmic.index(of: 70.94) == 9)   // Cs: ln 70.94 = 4.26
        #expect(logarithmic.index(of: 5.29) == 0)    // C: ln 5.29 = 1.67
        #expect(logarithmic.index(of: 0) == nil)
        let integers = CGCNNAtomFeatures.Binning.integers(1...12)
        #expect(integers.index(of: 1) == 0 && integers.index(of: 12) == 11 && integers.index(of: 13) == 11)
    }
}
