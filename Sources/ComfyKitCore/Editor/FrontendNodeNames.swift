/// The English names the ComfyUI frontend (1.27.10) gives node classes that the server's `/object_info` leaves
/// without a `display_name` (newer-style nodes of ComfyUI 0.3.64 that declare none). The frontend titles a node from
/// its own translation files first, so an untitled node of these classes is sent with this `_meta.title`; for every
/// other class of that server the translation equals the server's name, so only the differences are kept here.
enum FrontendNodeNames {
    static let english: [String: String] = [
        "ImageBlend": "Image Blend",
        "ImageBlur": "Image Blur",
        "ImageQuantize": "Image Quantize",
        "ImageScaleToTotalPixels": "Scale Image to Total Pixels",
        "ImageSharpen": "Image Sharpen",
    ]

    /// The title the frontend shows for an untitled node: the server's name, else the frontend's own, else the class.
    static func title(classType: String, serverName: String?) -> String {
        serverName ?? english[classType] ?? classType
    }
}
