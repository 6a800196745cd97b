import Crystal
import JSONSupport

extension Frontend {
    /// `matgrade compute neighbors FILE --cutoff R [--nearest K]`: every site's neighbors
    /// within R Angstrom under periodic boundary conditions (pymatgen's
    /// `get_all_neighbors` conventions), optionally only the K nearest (CGCNN).
    ///
    /// JSON (stable): `{"cutoff": R, "sites": [{"index": i, "species": "Fe", "neighbors":
    /// [{"index": j, "image": [a, b, c], "distance": d}, ...]}, ...]}`, with `"nearest": K`
    /// after the cutoff when given; neighbors sorted by distance (then index, then image),
    /// indices from 0, distances in Angstrom, images in lattice vectors relative to the
    /// file's (unwrapped) fractional coordinates.
    public static func neighbors(
        path: String, cutoffRadius: Double, nearest: Int?, format: OutputFormat
    ) throws -> String {
        let structure = try Structure.read(contentsOf: path)
        if let nearest, nearest < 1 {
            throw FrontendError.invalidOption(name: "--nearest", value: String(nearest), reason: "must be >= 1")
        }
        let list = try nearest.map { try structure.nearestNeighbors(count: $0, within: cutoffRadius) }
            ?? structure.neighbors(within: cutoffRadius)
        switch format {
        case .json: return neighborJSON(list, structure: structure, nearest: nearest)
        case .table: return neighborTable(list, structure: structure, path: path)
        }
    }

    static func neighborJSON(_ list: NeighborList, structure: Structure, nearest: Int?) -> String {
        var json = JSONWriter()
        json.raw("{\"cutoff\": "); json.number(list.cutoffRadius)
        if let nearest { json.raw(", \"nearest\": "); json.integer(nearest) }
        json.raw(", \"sites\": [")
        for (site, neighbors) in list.sites.enumerated() {
            json.raw(site == 0 ? "\n  " : ",\n  ")
            json.raw("{\"index\": "); json.integer(site)
            json.raw(", \"species\": "); json.string(structure.species[site].symbol)
            json.raw(", \"neighbors\": ")
            json.array(neighbors) { json, neighbor in
                json.raw("{\"index\": "); json.integer(neighbor.index)
                json.raw(", \"image\": [\(neighbor.image.x), \(neighbor.image.y), \(neighbor.image.z)]")
                json.raw(", \"distance\": "); json.number(neighbor.distance)
                json.raw("}")
            }
            json.raw("}")
        }
        json.raw("\n]}\n")
        return json.text
    }

    static func neighborTable(_ list: NeighborList, structure: Structure, path: String) -> String {
        var out = "\(path): \(structure.atomCount) sites, \(structure.composition.reducedFormula), cutoff \(format(list.cutoffRadius)) A, \(list.pairCount) neighbor pairs\n"
        for (site, neighbors) in list.sites.enumerated() {
            out += "\nsite \(site) \(structure.species[site].symbol): \(neighbors.count) neighbors\n"
            var table = TextTable(headers: ["neighbor", "species", "image", "distance (A)"])
            for neighbor in neighbors {
                table.add([
                    String(neighbor.index), structure.species[neighbor.index].symbol,
                    "[\(neighbor.image.x), \(neighbor.image.y), \(neighbor.image.z)]", format(neighbor.distance, digits: 6),
                ])
            }
            out += table.rendered()
        }
        return out
    }
}
