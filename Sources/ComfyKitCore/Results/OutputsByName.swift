import OrderedCollections

/// Output URLs grouped by `$output` name (or node id), in the order the server reported them.
public typealias OutputsByName = OrderedDictionary<String, [String]>
