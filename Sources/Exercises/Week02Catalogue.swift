/// Week 2's structured questions: for each property, which simulation method computes it and
/// which systematic bias to expect. Every case asks the same six; the rubric
/// (`rubrics/w02-simulation-methods.toml`) holds the accepted answers with their partial
/// credit, and a test keeps its full-credit answers equal to ``Week02Question/method`` and
/// ``Week02Question/bias``.
struct Week02Question: Hashable, Sendable {
    let id: String
    let property: String
    let material: String
    let conditions: String
    /// The full-credit method.
    let method: String
    /// The full-credit bias (one of ``Week02Catalogue/biases``).
    let bias: String
}

enum Week02Catalogue {
    static let methods = ["DFT", "MD", "MC", "FEM"]

    /// The documented bias vocabulary: id and meaning.
    static let biases: [(id: String, meaning: String)] = [
        ("band-gap-underestimation", "semilocal exchange-correlation (LDA, GGA/PBE) places band gaps too low, often by 30-50 %, and can close small gaps entirely"),
        ("reference-state-error", "GGA misdescribes some elemental references (the O2 molecule, transition-metal d states), so formation energies carry systematic errors that fitted corrections remove"),
        ("zero-temperature", "a ground-state calculation is at 0 K: no thermal expansion, vibrational entropy or temperature-dependent free energy unless added"),
        ("finite-timescale", "MD reaches nanoseconds: rare events (ion hops, nucleation) are undersampled at low temperature, so one simulates hot and extrapolates"),
        ("force-field-transferability", "an interatomic potential or fitted energy model is only as good as the configurations it was fitted to"),
        ("finite-size", "a finite periodic cell or lattice rounds and shifts phase transitions and truncates long-wavelength fluctuations"),
        ("classical-nuclei", "MD and MC with classical nuclei miss zero-point motion and quantum statistics, which matter below the Debye temperature"),
        ("discretization", "a mesh too coarse where fields vary fast (notches, fillets, contacts) underestimates peaks such as stress concentrations"),
        ("constitutive-model", "the material law put in (linear elasticity, say) decides the answer; beyond its range (plasticity, damage) the result is wrong however fine the mesh"),
    ]

    static let questions = [
        Week02Question(id: "li-diffusivity", property: "Li-ion diffusion coefficient", material: "Li10GeP2S12 (a sulfide solid electrolyte)",
                       conditions: "300 K to 600 K", method: "MD", bias: "finite-timescale"),
        Week02Question(id: "oxide-band-gap", property: "electronic band gap", material: "ZnO (wurtzite)",
                       conditions: "ground state, a semilocal (PBE) functional", method: "DFT", bias: "band-gap-underestimation"),
        Week02Question(id: "bracket-stress", property: "peak stress at the fillet of a loaded bracket", material: "structural steel",
                       conditions: "static load well below yield", method: "FEM", bias: "discretization"),
        Week02Question(id: "order-disorder", property: "order-disorder transition temperature", material: "Cu3Au",
                       conditions: "an on-lattice energy model fitted to DFT", method: "MC", bias: "finite-size"),
        Week02Question(id: "formation-enthalpy", property: "formation enthalpy, to place a compound on a convex hull", material: "a new ternary oxide",
                       conditions: "PBE total energies", method: "DFT", bias: "reference-state-error"),
        Week02Question(id: "thermal-expansion", property: "thermal expansion coefficient", material: "silicon",
                       conditions: "around 100 K, with a classical interatomic potential", method: "MD", bias: "classical-nuclei"),
    ]

    /// Cost models for the scaling part: what is timed, the size unit, and the model
    /// `t = c N^p` the timings are drawn from (with seeded log-normal noise).
    struct CostModel: Sendable {
        let method: String
        let sizeUnit: String
        let exponent: Double
        let prefactorSeconds: Double
    }

    static let costModels = [
        CostModel(method: "plane-wave DFT, one self-consistent ground state (diagonalisation-dominated)", sizeUnit: "atoms",
                  exponent: 3, prefactorSeconds: 2e-3),
        CostModel(method: "classical MD with a short-range cutoff, 1,000 steps", sizeUnit: "atoms", exponent: 1, prefactorSeconds: 4e-3),
        CostModel(method: "hybrid-functional DFT (exact exchange), one ground state", sizeUnit: "atoms", exponent: 4, prefactorSeconds: 5e-5),
        CostModel(method: "FEM with a direct sparse solver, one static solve", sizeUnit: "degrees of freedom", exponent: 1.5,
                  prefactorSeconds: 2e-6),
    ]
}
