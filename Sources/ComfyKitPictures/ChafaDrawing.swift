import CChafa

/// One chafa canvas with a picture drawn on it, freed when done: printed as terminal bytes, or read cell by cell.
struct ChafaDrawing {
    enum Mode { case kitty, sixel, iterm, colourSymbols, monochromeSymbols }

    private let image: PixelImage
    private let columns: Int
    private let rows: Int
    private let mode: Mode
    private let cellSize: CellSize

    init(image: PixelImage, columns: Int, rows: Int, mode: Mode, cellSize: CellSize) {
        (self.image, self.columns, self.rows, self.mode, self.cellSize) = (image, columns, rows, mode, cellSize)
    }

    /// The terminal bytes chafa prints for the canvas (its fallback terminal knows every sequence used here).
    func printed() -> [UInt8] {
        withCanvas { canvas in
            let info = chafa_term_db_get_fallback_info(chafa_term_db_get_default())
            defer { chafa_term_info_unref(info) }
            guard let printed = chafa_canvas_print(canvas, info) else { return [] }
            defer { g_string_free(printed, 1) }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(printed.pointee.str).assumingMemoryBound(to: UInt8.self),
                                             count: Int(printed.pointee.len)))
        }
    }

    /// The symbol art as rows of cells, with chafa's colours for each (none in monochrome or where transparent).
    func cells(monochrome: Bool) -> [[SymbolCell]] {
        withCanvas { canvas in
            (0..<rows).map { y in
                (0..<columns).map { x in
                    let scalar = Unicode.Scalar(chafa_canvas_get_char_at(canvas, Int32(x), Int32(y))) ?? " "
                    var foreground: Int32 = -1, background: Int32 = -1
                    if !monochrome { chafa_canvas_get_colors_at(canvas, Int32(x), Int32(y), &foreground, &background) }
                    return SymbolCell(character: Character(scalar),
                                      foreground: foreground < 0 ? nil : RGB(packed: Int(foreground)),
                                      background: background < 0 ? nil : RGB(packed: Int(background)))
                }
            }
        }
    }

    private func withCanvas<T>(_ body: (OpaquePointer) -> T) -> T {
        let config = chafa_canvas_config_new()!
        defer { chafa_canvas_config_unref(config) }
        chafa_canvas_config_set_geometry(config, Int32(columns), Int32(rows))
        chafa_canvas_config_set_cell_geometry(config, Int32(cellSize.width), Int32(cellSize.height))
        chafa_canvas_config_set_work_factor(config, 0.5)
        chafa_canvas_config_set_dither_mode(config, CHAFA_DITHER_MODE_NONE)
        switch mode {
        case .kitty: chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_KITTY)
        case .sixel: chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_SIXELS)
        case .iterm: chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_ITERM2)
        case .colourSymbols, .monochromeSymbols:
            chafa_canvas_config_set_pixel_mode(config, CHAFA_PIXEL_MODE_SYMBOLS)
            let monochrome = mode == .monochromeSymbols
            chafa_canvas_config_set_canvas_mode(config, monochrome ? CHAFA_CANVAS_MODE_FGBG : CHAFA_CANVAS_MODE_TRUECOLOR)
            setSymbols(config, inverted: monochrome)
        }
        let canvas = chafa_canvas_new(config)!
        defer { chafa_canvas_unref(canvas) }
        image.rgba.withUnsafeBufferPointer { pixels in
            chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, pixels.baseAddress, Int32(image.width),
                                         Int32(image.height), Int32(image.width * 4))
        }
        return body(canvas)
    }

    /// chafa's own default: block+border+space-wide-inverted (inverted ones kept without colour, as chafa does).
    private func setSymbols(_ config: OpaquePointer, inverted: Bool) {
        let map = chafa_symbol_map_new()!
        defer { chafa_symbol_map_unref(map) }
        chafa_symbol_map_add_by_tags(map, ChafaSymbolTags(CHAFA_SYMBOL_TAG_BLOCK.rawValue | CHAFA_SYMBOL_TAG_BORDER.rawValue | CHAFA_SYMBOL_TAG_SPACE.rawValue))
        chafa_symbol_map_remove_by_tags(map, ChafaSymbolTags(CHAFA_SYMBOL_TAG_WIDE.rawValue | (inverted ? 0 : CHAFA_SYMBOL_TAG_INVERTED.rawValue)))
        chafa_canvas_config_set_symbol_map(config, map)
    }
}
