import Crystal
import Descriptors
import Testing

/// Our ``CGCNNAtomFeatures/Layout/atomInit`` vectors against CGCNN's own atom_init.json
/// (elements 1-100, from the fixture), block by block. The deviations are the ones
/// `CGCNNAtomFeatures`' doc comment lists; this test pins that list, so a change to the data or
/// the binning shows up as a difference here and in the documentation.
@Suite("atom_init.json comparison")
struct AtomInitComparisonTests {
    /// Per block, `Symbol(atom_init -> ours)` for every element where the category differs
    /// (`None`: an all-zero block).
    static let expectedDeviations: [CGCNNAtomFeatures.Property: String] = [
        .group: "",
        .period: "",
        .electronegativity: """
            Si(3->4) Cu(3->4) Kr(None->7) Pm(None->1) Eu(None->1) Gd(1->2) Tb(None->2) Yb(None->2) \
            Lu(1->2) W(3->5) Re(3->4) Pt(4->5) Hg(3->4) Pb(3->5) Bi(3->4) U(3->2) Am(None->2) \
            Cm(None->2) Bk(None->2) Cf(None->2) Es(None->2) Fm(None->2)
            """,
        .covalentRadius: """
            Na(5->6) Si(4->3) Sc(5->6) Ti(4->6) V(4->5) Cr(4->5) Mn(4->5) Co(3->4) Ni(3->4) \
            Cu(3->4) Br(3->4) Y(6->7) Zr(5->6) Nb(5->6) Tc(4->5) Ru(4->5) Rh(4->5) Pd(4->5) \
            Ag(4->5) Cd(4->5) Te(4->5) I(4->5) Xe(4->5) Ba(7->8) La(6->8) Ce(6->7) Pr(6->7) \
            Nd(6->7) Pm(6->7) Sm(6->7) Eu(6->7) Gd(6->7) Tb(6->7) Dy(6->7) Ho(6->7) Er(6->7) \
            Tm(6->7) Yb(6->7) Lu(6->7) Hf(5->6) Ta(5->6) W(4->6) Re(4->5) Os(4->5) Ir(4->5) \
            Fr(8->9) Ra(7->8) Ac(7->8) Th(6->8) Pa(6->7) U(6->7) Np(6->7) Pu(6->7) Bk(6->None) \
            Cf(6->None) Es(6->None) Fm(6->None)
            """,
        .valenceElectrons: "Pd(11->9)",
        .firstIonizationEnergy: "At(4->None)",
        .electronAffinity: """
            Be(0->None) N(2->4) Ga(5->4) Xe(4->None) Nd(7->5) Pm(None->5) Sm(None->5) Gd(None->5) \
            Tb(6->5) Ho(None->5) Er(None->5) Tm(6->5) Yb(4->5) Lu(4->5) Hf(4->None) Tl(5->4) \
            Fr(5->None) Ra(4->None) Ac(5->None)
            """,
        .block: "",
        .atomicVolume: """
            H(4->3) He(6->5) N(4->3) F(4->3) Ne(4->3) Cl(5->4) Ar(6->5) Kr(7->6) Xe(8->7) \
            Pm(None->5) Tm(4->5) Rn(None->8) Ra(8->7) Np(5->3) Pu(None->3) Am(5->4) Cm(5->4) \
            Bk(None->4) Cf(None->4) Es(None->6)
            """,
    ]

    @Test("the fixture holds atom_init.json for elements 1-100, nine blocks each")
    func fixtureShape() throws {
        let table = try GraphFixture.load().atom_init_categories
        #expect(table.count == 100)
        #expect(table.values.allSatisfy { $0.count == 9 })
    }

    @Test("deviations from atom_init.json are exactly the documented ones", arguments: CGCNNAtomFeatures.Property.allCases)
    func documentedDeviations(property: CGCNNAtomFeatures.Property) throws {
        let table = try GraphFixture.load().atom_init_categories
        let features = CGCNNAtomFeatures(layout: .atomInit)
        let blockIndex = try #require(CGCNNAtomFeatures.Property.allCases.firstIndex(of: property))
        var observed: [String] = []
        for z in 1...100 {
            let element = try Element(atomicNumber: z)
            let reference = try #require(table[element.symbol], "atom_init.json has no \(element.symbol)")[blockIndex]
            let ours = features.category(property, of: element)
            if reference != ours {
                observed.append("\(element.symbol)(\(reference.map(String.init) ?? "None")->\(ours.map(String.init) ?? "None"))")
            }
        }
        let expected = (Self.expectedDeviations[property] ?? "").split(separator: " ").map(String.init)
        let unexpected = observed.filter { !expected.contains($0) }
        let vanished = expected.filter { !observed.contains($0) }
        #expect(unexpected.isEmpty && vanished.isEmpty,
                "\(property.rawValue): undocumented deviations \(unexpected); documented but not seen \(vanished)")
    }
}
