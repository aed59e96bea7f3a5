import CNCursesW
import ComfyKitPictures

/// Curses colour pairs for pictures' symbol cells, made as they are first needed: each cell's colours are brought to
/// the nearest of the terminal's (the 256-colour palette, else the 16 basic ones) and share a pair with every cell of
/// the same two. When the terminal's pairs run out the oldest are reused from the first again (a picture drawn
/// after that may show a few wrong colours until it is drawn again; 256-colour terminals have 32767 pairs).
final class PicturePairs {
    private let firstPair: Int32
    private let lastPair: Int32
    private let colors: Int
    private var pairs: [Int32: Int32] = [:]
    private var next: Int32

    /// Pairs from `firstPair` (after the style slots') to the terminal's last.
    init(firstPair: Int32, terminalColors: Int) {
        self.firstPair = firstPair
        self.lastPair = min(Int32(shim_color_pairs()) - 1, 32767)
        self.colors = terminalColors
        next = firstPair
    }

    /// The pair for a cell's colours; `nil` when there are no pairs left to make.
    func pair(for cellColors: CellColors) -> Int32? {
        let foreground = cellColors.foreground.map { Int32(Self.nearest($0, colors: colors)) } ?? -1
        let background = cellColors.background.map { Int32(Self.nearest($0, colors: colors)) } ?? -1
        let key = (foreground + 1) << 16 | (background + 1)
        if let pair = pairs[key] { return pair }
        guard lastPair >= firstPair else { return nil }
        if next > lastPair {
            next = firstPair
            pairs = [:]
        }
        let pair = next
        next += 1
        init_pair(Int16(pair), Int16(foreground), Int16(background))
        pairs[key] = pair
        return pair
    }

    /// The xterm colour number nearest to `rgb`: the 6×6×6 cube or the grey ramp with 256 colours, else one of 16.
    static func nearest(_ rgb: RGB, colors: Int) -> Int {
        let (r, g, b) = (Int(rgb.red), Int(rgb.green), Int(rgb.blue))
        guard colors >= 256 else { return nearestBasic(r, g, b) }
        let levels = [0, 95, 135, 175, 215, 255]
        func level(_ value: Int) -> Int { levels.indices.min { abs(levels[$0] - value) < abs(levels[$1] - value) } ?? 0 }
        let (lr, lg, lb) = (level(r), level(g), level(b))
        let cube = 16 + 36 * lr + 6 * lg + lb
        let cubeDistance = distance((levels[lr], levels[lg], levels[lb]), (r, g, b))
        let grey = min(23, max(0, ((r + g + b) / 3 - 8 + 5) / 10))
        let greyValue = 8 + grey * 10
        return distance((greyValue, greyValue, greyValue), (r, g, b)) < cubeDistance ? 232 + grey : cube
    }

    private static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func nearestBasic(_ r: Int, _ g: Int, _ b: Int) -> Int {
        basic.indices.min { distance(basic[$0], (r, g, b)) < distance(basic[$1], (r, g, b)) } ?? 0
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)
    }
}
