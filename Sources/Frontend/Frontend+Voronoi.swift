import Crystal
import JSONSupport

extension Frontend {
    /// `matgrade compute voronoi FILE [--min-weight W]`: the Voronoi cell of every site,
    /// face by face, with coordination numbers as pymatgen's `VoronoiNN(tol=W)` gives them
    /// (``Structure/voronoiCells()``).
    ///
    /// JSON (stable): `{"min_weight": W, "sites": [{"index": i, "species": "Fe",
    /// "coordination": cn, "weighted_coordination": w, "faces": [{"index": j, "image": [a,
    /// b, c], "solid_angle": o, "weight": o / max o, "area": A, "distance": d}, ...]}, ...]}`.
    /// `coordination` counts the faces of weight above W (by more than 1e-9,
    /// ``VoronoiCell/weightTolerance``), `weighted_coordination` sums their weights
    /// (VoronoiNN's `get_cn(use_weights=True)` at `tol=W`); `faces` lists
    /// every face of the cell, also those at or below W, sorted by distance, then index, then
    /// image. Units: solid angle steradian, area Angstrom^2, distance (site to neighbor)
    /// Angstrom; images in lattice vectors relative to the file's fractional coordinates.
    /// - Parameter minimumWeight: W, in [0, 1); 0 is VoronoiNN's default.
    public static func voronoi(path: String, minimumWeight: Double) throws -> String {
        guard minimumWeight >= 0, minimumWeight < 1 else {
            throw FrontendError.invalidOption(
                name: "--min-weight", value: String(minimumWeight),
                reason: "must be in [0, 1): a face's weight is its solid angle over the largest of its cell (0 counts every face, as VoronoiNN's default; 0.05 ignores slivers)")
        }
        let structure = try Structure.read(contentsOf: path)
        let cells = try structure.voronoiCells()
        var json = JSONWriter()
        json.raw("{\"min_weight\": "); json.number(minimumWeight)
        json.raw(", \"sites\": [")
        for cell in cells {
            json.raw(cell.site == 0 ? "\n  " : ",\n  ")
            json.raw("{\"index\": "); json.integer(cell.site)
            json.raw(", \"species\": "); json.string(structure.species[cell.site].symbol)
            json.raw(", \"coordination\": "); json.integer(cell.coordination(minimumWeight: minimumWeight))
            json.raw(", \"weighted_coordination\": "); json.number(cell.weightedCoordination(minimumWeight: minimumWeight))
            json.raw(", \"faces\": ")
            json.array(cell.faces, multiline: true, indent: "    ") { json, face in
                json.raw("{\"index\": "); json.integer(face.index)
                json.raw(", \"image\": [\(face.image.x), \(face.image.y), \(face.image.z)]")
                json.raw(", \"solid_angle\": "); json.number(face.solidAngle)
                json.raw(", \"weight\": "); json.number(face.weight)
                json.raw(", \"area\": "); json.number(face.area)
                json.raw(", \"distance\": "); json.number(face.distance)
                json.raw("}")
            }
            json.raw("}")
        }
        json.raw("\n]}\n")
        return json.text
    }

    /// `matgrade compute coordination FILE --cutoff R`: the number of neighbors of every
    /// site within R Angstrom (``Structure/coordinationNumbers(within:)``, pymatgen's
    /// `get_all_neighbors` conventions: d^2 < R^2 + 1e-8, periodic images included).
    ///
    /// JSON (stable): `{"cutoff": R, "sites": [{"index": i, "species": "Fe", "coordination":
    /// n}, ...]}`.
    public static func coordination(path: String, cutoffRadius: Double) throws -> String {
        guard cutoffRadius > 0, cutoffRadius.isFinite else {
            throw FrontendError.invalidOption(name: "--cutoff", value: String(cutoffRadius), reason: "must be a positive number of Angstrom")
        }
        let structure = try Structure.read(contentsOf: path)
        let counts = try structure.coordinationNumbers(within: cutoffRadius)
        var json = JSONWriter()
        json.raw("{\"cutoff\": "); json.number(cutoffRadius)
        json.raw(", \"sites\": [")
        for (site, count) in counts.enumerated() {
            json.raw(site == 0 ? "\n  " : ",\n  ")
            json.raw("{\"index\": "); json.integer(site)
            json.raw(", \"species\": "); json.string(structure.species[site].symbol)
            json.raw(", \"coordination\": "); json.integer(count)
            json.raw("}")
        }
        json.raw("\n]}\n")
        return json.text
    }
}
