import CellWidth

/// A frame as a grid of cells. Views draw into it; the backend writes only what ``diff(from:)`` returns.
struct Screen: Hashable, Sendable {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    /// What a click selects, by region; views record them as they draw (``mark(_:row:columns:)``).
    private(set) var clickTargets: [ClickRegion] = []
    /// The pictures views placed, in drawing order; an overlay drawn later takes away those it covers.
    private(set) var pictures: [PicturePlacement] = []

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    subscript(column: Int, row: Int) -> Cell {
        cells[row * width + column]
    }

    /// Writes text from a column, clipped at `limit` columns and at the right edge.
    /// A wide character that does not fit whole is replaced by a space. Returns the columns used.
    @discardableResult
    mutating func put(_ text: String, at column: Int, row: Int, style: StyleSlot = .normal,
                      attributes: CellAttributes = [], limit: Int? = nil) -> Int {
        guard row >= 0, row < height, column < width else { return 0 }
        let end = min(width, limit.map { column + max(0, $0) } ?? width)
        var x = column
        for character in text {
            let w = CellWidth.of(character)
            if w == 0 {
                appendToPrevious(character, before: x, row: row)
                continue
            }
            if x + w > end {
                if x < end, x >= 0 { set(Cell(" ", style: style, attributes: attributes), column: x, row: row) }
                x = end
                break
            }
            if x >= 0 {
                set(Cell(String(character), style: style, attributes: attributes), column: x, row: row)
                for extra in 1..<w where x + extra < width { set(Cell("", style: style, attributes: attributes), column: x + extra, row: row) }
            }
            x += w
        }
        return max(0, x - column)
    }

    /// Fills a row segment with blanks of a style (a background for a bar or a selection).
    mutating func fill(row: Int, from column: Int = 0, width count: Int? = nil, style: StyleSlot = .normal,
                       attributes: CellAttributes = []) {
        guard row >= 0, row < height else { return }
        let start = max(0, column)
        let end = min(width, count.map { column + $0 } ?? width)
        guard start < end else { return }
        for x in start..<end { set(Cell(" ", style: style, attributes: attributes), column: x, row: row) }
    }

    /// Records that a click on `row` within `columns` selects `target`; a later mark over the same cells wins.
    mutating func mark(_ target: ClickTarget, row: Int, columns: Range<Int>) {
        guard row >= 0, row < height, !columns.isEmpty else { return }
        clickTargets.append(ClickRegion(row: row, columns: columns, target: target))
    }

    /// Blanks `rect` and names the picture the runtime draws there; a rectangle that is not wholly on the screen is
    /// left out (a picture is never drawn cut).
    mutating func place(_ source: PictureSource, in rect: Rect, slot: String? = nil) {
        guard !rect.isEmpty, rect.column >= 0, rect.row >= 0, rect.column + rect.width <= width, rect.bottom <= height else { return }
        for row in rect.row..<rect.bottom { fill(row: row, from: rect.column, width: rect.width) }
        pictures.removeAll { $0.rect.intersects(rect) }
        pictures.append(PicturePlacement(rect: rect, source: source, slot: slot))
    }

    /// Takes away the pictures `rect` covers (an overlay, a picker, a prompt drawn over them).
    mutating func coverPictures(under rect: Rect) {
        pictures.removeAll { $0.rect.intersects(rect) }
    }

    /// Writes a picture's symbol cells (``PictureCell``s, a row each) at the rectangle's top-left, clipped to it.
    mutating func putPictureCells(_ rows: [[Cell]], in rect: Rect) {
        for (offset, cells) in rows.prefix(rect.height).enumerated() {
            for (x, cell) in cells.prefix(rect.width).enumerated() {
                let column = rect.column + x, row = rect.row + offset
                guard column >= 0, column < width, row >= 0, row < height else { continue }
                set(cell, column: column, row: row)
            }
        }
    }

    /// The target under a cell, from the frame as drawn.
    func target(atColumn column: Int, row: Int) -> ClickTarget? {
        clickTargets.last { $0.row == row && $0.columns.contains(column) }?.target
    }

    /// The visible text of each row, trailing blanks trimmed: the snapshot tests compare these.
    var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for x in 0..<width where !self[x, row].isContinuation { line += self[x, row].text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The cells that differ from `previous`; every cell when the size changed.
    func diff(from previous: Screen) -> [CellChange] {
        let sizeChanged = previous.width != width || previous.height != height
        var changes: [CellChange] = []
        for index in cells.indices where sizeChanged || cells[index] != previous.cells[index] {
            changes.append(CellChange(column: index % width, row: index / width, cell: cells[index]))
        }
        return changes
    }

    /// Writes cells another frame's ``diff(from:)`` returned, as a backend that keeps its own copy does.
    mutating func apply(_ changes: [CellChange]) {
        for change in changes where change.row >= 0 && change.row < height && change.column >= 0 && change.column < width {
            cells[change.row * width + change.column] = change.cell
        }
    }

    private mutating func set(_ cell: Cell, column: Int, row: Int) {
        let base = row * width
        let old = cells[base + column]
        // Never leave part of a wide character behind (an emoji sequence a terminal draws apart is up to 8 wide).
        if old.isContinuation, !cell.isContinuation {
            var head = column - 1
            while head >= 0, cells[base + head].isContinuation { head -= 1 }
            if head >= 0 {
                let style = cells[base + head].style
                for x in head..<column { cells[base + x] = Cell(" ", style: style) }
            }
        }
        if !cell.isContinuation {
            var x = column + 1
            while x < width, cells[base + x].isContinuation, old.width > 1 || old.isContinuation {
                cells[base + x] = Cell(" ", style: old.style)
                x += 1
            }
        }
        cells[base + column] = cell
    }

    private mutating func appendToPrevious(_ mark: Character, before column: Int, row: Int) {
        var x = column - 1
        while x >= 0, self[x, row].isContinuation { x -= 1 }
        guard x >= 0, x < width else { return }
        cells[row * width + x].text.append(mark)
    }
}
