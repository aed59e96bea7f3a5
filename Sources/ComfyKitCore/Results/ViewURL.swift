import Foundation

/// Builds ComfyUI `/view` URLs for output files.
public enum ViewURL {
    /// `{base}/view?filename=…&subfolder=…&type=…`, every value percent-encoded (the Python ComfyKit
    /// wrote them raw, so `my pic&1.png` broke the URL). Empty subfolder and type are left out.
    public static func make(base: URL, filename: String, subfolder: String, type: String) -> String {
        var query = "filename=" + encode(filename)
        if !subfolder.isEmpty { query += "&subfolder=" + encode(subfolder) }
        if !type.isEmpty { query += "&type=" + encode(type) }
        var root = base.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        return root + "/view?" + query
    }

    /// RFC 3986 unreserved characters stay; everything else, `&`, `=`, `+` and space included, is escaped.
    public static func encode(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
