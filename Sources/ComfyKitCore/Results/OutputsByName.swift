import OrderedCollections

/// Output URLs grouped by `$output` name (or node id), in the order the server reported them.
public typealias OutputsByName = OrderedDictionary<String, [String]>

// Users iterate `imagesByVar` and friends; with MemberImportVisibility on, that needs the type's module
// imported: re-exporting the one type spares them a swift-collections dependency of their own.
@_exported import struct OrderedCollections.OrderedDictionary
