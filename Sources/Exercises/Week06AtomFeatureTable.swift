import Crystal
import Descriptors
import JSONSupport

/// The `elements` and `atom_feature_blocks` fields of week 6's input: CGCNN's 92-entry
/// atom-feature layout (``Descriptors/CGCNNAtomFeatures/Layout/atomInit``) written so that a
/// student applying the README's rules to them reproduces ``Descriptors/CGCNNAtomFeatures``
/// entry for entry.
enum Week06AtomFeatureTable {
    static let features = CGCNNAtomFeatures(layout: .atomInit)

    /// `[{property, first, count, kind, lowest | lower, upper}]`, in block order.
    static var blocksJSON: JSONValue {
        .array(features.blocks.map { block in
            var fields: [String: JSONValue] = [
                "property": .string(block.property.rawValue),
                "first": .number(Double(block.offset)),
                "count": .number(Double(block.binning.count)),
            ]
            switch block.binning {
            case let .integers(range):
                fields["kind"] = "category"
                fields["lowest"] = .number(Double(range.lowerBound))
            case let .linear(lower, upper, _):
                fields["kind"] = "linear"
                fields["lower"] = .number(lower)
                fields["upper"] = .number(upper)
            case let .logarithmic(lower, upper, _):
                fields["kind"] = "log"
                fields["lower"] = .number(lower)
                fields["upper"] = .number(upper)
            }
            return .object(fields)
        })
    }

    /// `{property: value or null}` of one element, in the units the blocks use.
    static func propertiesJSON(of element: Element) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: features.blocks.map { block in
            (block.property.rawValue, features.input(block.property, of: element).map(JSONValue.number) ?? .null)
        }))
    }

    /// `{symbol: {property: value or null}}` for the distinct elements of `species`.
    static func elementsJSON(for species: [Element]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: Set(species).map { ($0.symbol, propertiesJSON(of: $0)) }))
    }
}
