import ComfyKitPictures

/// The graphics on the terminal, by where they are: each frame it compares what should be shown with what is and
/// says what to erase and what to write — nothing when nothing changed, so progress ticks never make a picture
/// flicker. Pure; the backend carries the commands out around its cell refresh.
struct PictureLayer {
    /// A picture ready to write: its rectangle, what it shows, and the protocol's bytes for it.
    struct Graphic: Hashable, Sendable {
        let rect: Rect
        let source: PictureSource
        let bytes: [UInt8]
    }

    /// How this terminal's graphics go away: kitty's are deleted by a sequence, sixel and iTerm2 pixels only when
    /// the cells under them are written again.
    enum Erasure: Hashable, Sendable {
        case kittyDelete(passthrough: Bool)
        case repaintCells
    }

    let erasure: Erasure
    /// What is on the terminal now, by rectangle.
    private(set) var shown: [Rect: PictureSource] = [:]

    init(erasure: Erasure) {
        self.erasure = erasure
    }

    /// The commands that take the terminal from what it shows to `wanted`. After a full redraw (a resize, a new
    /// size) nothing drawn before can be trusted: everything is erased and written again.
    mutating func update(to wanted: [Graphic], fullRedraw: Bool) -> PictureFrame {
        var frame = PictureFrame()
        let wantedByRect = Dictionary(wanted.map { ($0.rect, $0.source) }, uniquingKeysWith: { _, last in last })
        if fullRedraw {
            if !shown.isEmpty, case .kittyDelete(let passthrough) = erasure { frame.before.append(Self.deleteAll(passthrough: passthrough)) }
            shown = [:]
        }
        for (rect, source) in shown.sorted(by: { Self.order($0.key, $1.key) }) where wantedByRect[rect] != source {
            erase(rect, into: &frame)
            shown[rect] = nil
        }
        for graphic in wanted where shown[graphic.rect] != graphic.source {
            // Another picture in a rectangle that overlaps this one's goes first.
            for (rect, _) in shown where rect != graphic.rect && rect.intersects(graphic.rect) {
                erase(rect, into: &frame)
                shown[rect] = nil
            }
            frame.after.append(PictureFrame.Write(column: graphic.rect.column, row: graphic.rect.row, bytes: graphic.bytes))
            shown[graphic.rect] = graphic.source
        }
        return frame
    }

    /// Everything erased, as on exit.
    mutating func clear() -> PictureFrame {
        var frame = PictureFrame()
        for rect in shown.keys.sorted(by: Self.order) { erase(rect, into: &frame) }
        shown = [:]
        return frame
    }

    private func erase(_ rect: Rect, into frame: inout PictureFrame) {
        switch erasure {
        case .kittyDelete(let passthrough):
            frame.before.append(Self.delete(at: rect, passthrough: passthrough))
        case .repaintCells:
            frame.repaint.append(rect)
        }
    }

    /// kitty: delete the placements over the rectangle's top-left cell (1-based), quietly; the images stay in the
    /// terminal, to be placed again (the picture stage frees them by id).
    static func delete(at rect: Rect, passthrough: Bool) -> [UInt8] {
        wrap("\u{1B}_Ga=d,d=p,x=\(rect.column + 1),y=\(rect.row + 1),q=2\u{1B}\\", passthrough: passthrough)
    }

    /// kitty: delete every placement, keeping the images (placed again after a resize).
    static func deleteAll(passthrough: Bool) -> [UInt8] {
        wrap("\u{1B}_Ga=d,d=a,q=2\u{1B}\\", passthrough: passthrough)
    }

    private static func wrap(_ sequence: String, passthrough: Bool) -> [UInt8] {
        Array((passthrough ? TmuxPassthrough.wrap(sequence) : sequence).utf8)
    }

    private static func order(_ a: Rect, _ b: Rect) -> Bool {
        (a.row, a.column, a.width, a.height) < (b.row, b.column, b.width, b.height)
    }
}

/// One frame's picture work for the backend: bytes written before the cells (kitty deletes), rectangles whose
/// cells curses must write again (erased sixel and iTerm2 pixels), and pictures written after the refresh.
struct PictureFrame: Hashable, Sendable {
    struct Write: Hashable, Sendable {
        let column: Int
        let row: Int
        let bytes: [UInt8]
    }

    var before: [[UInt8]] = []
    var repaint: [Rect] = []
    var after: [Write] = []

    var isEmpty: Bool { before.isEmpty && repaint.isEmpty && after.isEmpty }
}
