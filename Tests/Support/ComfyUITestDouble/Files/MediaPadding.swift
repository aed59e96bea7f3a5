/// How a produced file is filled up to its requested size.
enum MediaPadding: Sendable {
    case none
    /// Filler bytes without framing (non-PNG formats).
    case raw(Int)
    /// One or more private ancillary `cpAD` chunks whose data is filler, so the PNG stays valid.
    case chunks(dataLengths: [Int])

    /// Padding that makes `size` bytes, or none when the natural file is already that large or nearly so.
    init(size: Int?) {
        guard let size, size >= 12 else { self = .none; return }
        var lengths: [Int] = []
        var remaining = size
        while remaining >= 12 {
            let data = min(remaining - 12, Int(Int32.max) - 12)
            lengths.append(data)
            remaining -= data + 12
        }
        self = .chunks(dataLengths: lengths)
    }

    var byteCount: Int {
        switch self {
        case .none: return 0
        case .raw(let count): return count
        case .chunks(let lengths): return lengths.reduce(0) { $0 + $1 + 12 }
        }
    }
}
