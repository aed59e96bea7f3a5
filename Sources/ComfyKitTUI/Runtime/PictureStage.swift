import ComfyKitPictures
import Dispatch
import Synchronization

/// Turns the pictures a frame places (``Screen/pictures``) into what the terminal shows: symbol art as cells in the
/// frame, graphics for the backend, a placeholder with its reason where a picture cannot be drawn. Pictures are
/// fetched, decoded and encoded off the loop, two at a time, and kept in a bounded cache; a slot keeps showing its
/// last picture while the next one is made, so a preview's frames replace each other in place. A kitty picture is
/// sent to the terminal once, under its own id, and then only placed: the cache keeps its id and size, not its bytes,
/// and frees it in the terminal when it leaves the cache; a preview frame leaves it as soon as no slot shows it.
///
/// Use it from the loop's thread; the work it starts reports back through ``collectArrivals()``.
final class PictureStage {
    /// A picture made for one rectangle's size.
    struct Key: Hashable, Sendable {
        let source: PictureSource
        let columns: Int
        let rows: Int
    }

    /// What was made: bytes to write, a kitty image the terminal keeps, symbol cells, a sound's waveform, or why there
    /// is nothing to draw.
    enum Made: Sendable {
        case graphics([UInt8])
        case kitty(KittyImage)
        case cells([[SymbolCell]])
        /// Braille rows in the theme's accent, and the caption under them (none in a rectangle under 3 rows).
        case waveform([String], caption: String)
        case failed(String)

        /// Roughly the bytes it keeps in memory (a kitty image's in the terminal's), for the cache's bound.
        var cost: Int {
            switch self {
            case .graphics(let bytes): bytes.count
            case .kitty(let image): image.transmittedBytes
            case .cells(let rows): rows.reduce(0) { $0 + $1.count } * 48
            case .waveform(let rows, let caption): rows.reduce(caption.utf8.count) { $0 + $1.utf8.count }
            case .failed(let reason): reason.utf8.count
            }
        }
    }

    let choice: PictureChoice
    private let encoder: PictureEncoder
    private let fetcher: OutputFetcher?
    private let arrivals = PictureArrivals()
    private var made = PictureCache<Key, Made>(limit: 48 << 20)
    /// Output files as fetched, so a new size (a resize, the viewer) does not fetch them again.
    private var fetched = PictureCache<String, [UInt8]>(limit: 32 << 20)
    private var queued: [PictureJob] = []
    private var started: Set<Key> = []
    private var running = 0
    /// The picture each slot showed last.
    private var lastInSlot: [String: Key] = [:]
    /// kitty images sent and freed since the last frame, written before it (``takeTerminalWrites()``).
    private var terminalWrites: [[UInt8]] = []
    private var nextKittyImageID: UInt32 = 1
    private static let concurrency = 2
    private static let work = DispatchQueue(label: "comfykit-tui.pictures", qos: .userInitiated, attributes: .concurrent)

    /// `fetcher` reads output files; without one (no server), outputs show a placeholder.
    init(choice: PictureChoice, cellSize: CellSize, fetcher: OutputFetcher?) {
        self.choice = choice
        encoder = PictureEncoder(choice: choice, cellSize: cellSize)
        self.fetcher = fetcher
    }

    /// Takes in the pictures made since the last call; true when there were any (the frame must be drawn again).
    func collectArrivals() -> Bool {
        let arrived = arrivals.take()
        for arrival in arrived {
            running -= 1
            started.remove(arrival.key)
            if let transmission = arrival.transmission { terminalWrites.append(transmission) }
            release(made.insert(arrival.made, for: arrival.key, cost: arrival.made.cost))
            if let bytes = arrival.fetched, case .output(let url) = arrival.key.source { fetched.insert(bytes, for: url, cost: bytes.count) }
        }
        startQueued()
        return !arrived.isEmpty
    }

    /// Fills the frame's pictures: symbol cells and placeholders go into `screen`; graphics are returned for the
    /// backend. Pictures not made yet are asked for (their slot's last picture, or a placeholder, meanwhile).
    func compose(_ screen: inout Screen, state: AppState) -> [PictureLayer.Graphic] {
        var graphics: [PictureLayer.Graphic] = []
        defer { dropUnshownPreviews() }
        for placement in screen.pictures {
            let key = Key(source: placement.source, columns: placement.rect.width, rows: placement.rect.height)
            var shown = made[key].map { (key, $0) }
            if shown == nil {
                request(key, state: state)
                if let last = lastInSlot[placement.slot], last.columns == key.columns, last.rows == key.rows, let kept = made[last] {
                    shown = (last, kept)
                }
            }
            guard let (used, picture) = shown else {
                Self.placeholder("⋯", style: .muted, in: placement.rect, &screen)
                continue
            }
            lastInSlot[placement.slot] = used
            switch picture {
            case .graphics(let bytes):
                graphics.append(PictureLayer.Graphic(rect: placement.rect, source: used.source, bytes: bytes))
            case .kitty(let image):
                graphics.append(PictureLayer.Graphic(rect: placement.rect, source: used.source, bytes: encoder.kittyPlacement(image)))
            case .cells(let rows):
                screen.putPictureCells(rows.map { $0.map(Self.cell) }, in: placement.rect)
            case .waveform(let rows, let caption):
                Self.waveform(rows, caption: caption, in: placement.rect, &screen)
            case .failed(let reason):
                Self.placeholder("✗ " + reason, style: .error, in: placement.rect, &screen)
            }
        }
        return graphics
    }

    /// What the terminal must be sent before the next frame's pictures: kitty images to keep (sent once each) and
    /// kitty images to free.
    func takeTerminalWrites() -> [[UInt8]] {
        defer { terminalWrites = [] }
        return terminalWrites
    }

    /// Frees every kitty image the terminal still keeps for the stage, and removes what the stage kept on disk (the
    /// fetcher's folder), on the way out; returns the bytes that free the images.
    func finish() -> [[UInt8]] {
        fetcher?.removeFolder()
        release(made.removeAll())
        return takeTerminalWrites()
    }

    /// A preview frame no slot shows is never shown again (a newer frame or the output took its place, or it was
    /// made after the run ended): it leaves the cache at once, and a kitty image of it is freed.
    private func dropUnshownPreviews() {
        let shown = Set(lastInSlot.values)
        for key in made.keys where !shown.contains(key) {
            guard case .preview = key.source else { continue }
            release(made.remove(key).map { [$0] } ?? [])
        }
    }

    /// Frees in the terminal the kitty images among pictures that left the cache.
    private func release(_ gone: [Made]) {
        for case .kitty(let image) in gone { terminalWrites.append(encoder.erase(kittyImageID: image.imageID)) }
    }

    /// Queues the work for `key` once; a newer preview frame for the same run replaces an older one still queued.
    private func request(_ key: Key, state: AppState) {
        guard !started.contains(key), !queued.contains(where: { $0.key == key }) else { return }
        let job: PictureJob
        switch key.source {
        case .preview(let runID, let frame):
            guard let preview = state.runs.all.first(where: { $0.id == runID })?.preview, preview.frame == frame else { return }
            queued.removeAll { if case .preview(runID, _) = $0.key.source { $0.key.columns == key.columns } else { false } }
            job = PictureJob(key: key, bytes: preview.bytes, url: nil, kittyImageID: takeKittyImageID())
        case .output(let url):
            job = PictureJob(key: key, bytes: fetched[url], url: url, kittyImageID: takeKittyImageID())
        }
        queued.append(job)
        startQueued()
    }

    /// A new id for a kitty image (1 and up; 0 means none in kitty's protocol); `nil` for the other protocols.
    private func takeKittyImageID() -> UInt32? {
        guard choice.picture == .kitty else { return nil }
        defer { nextKittyImageID = nextKittyImageID == UInt32.max ? 1 : nextKittyImageID + 1 }
        return nextKittyImageID
    }

    private func startQueued() {
        while running < Self.concurrency, !queued.isEmpty {
            let job = queued.removeFirst()
            running += 1
            started.insert(job.key)
            job.start(encoder: encoder, fetcher: fetcher, on: Self.work, reportingTo: arrivals)
        }
    }

    /// One symbol cell as a frame's cell.
    private static func cell(_ symbol: SymbolCell) -> Cell {
        Cell(String(symbol.character), colors: CellColors(foreground: symbol.foreground, background: symbol.background))
    }

    /// A waveform's rows at the rectangle's top-left in the theme's accent (plain under `NO_COLOR`), its caption
    /// on the last row.
    private static func waveform(_ rows: [String], caption: String, in rect: Rect, _ screen: inout Screen) {
        for (offset, line) in rows.prefix(rect.height).enumerated() {
            screen.put(line, at: rect.column, row: rect.row + offset, style: .accent, limit: rect.width)
        }
        if !caption.isEmpty { screen.put(caption, at: rect.column, row: rect.bottom - 1, style: .muted, limit: rect.width) }
    }

    /// Text in the middle of the rectangle, wrapped, in place of a picture.
    private static func placeholder(_ text: String, style: StyleSlot, in rect: Rect, _ screen: inout Screen) {
        let lines = wrapped(text, to: max(1, rect.width - 2)).prefix(rect.height)
        let top = rect.row + (rect.height - lines.count) / 2
        for (offset, line) in lines.enumerated() {
            screen.put(line, at: rect.column + 1, row: top + offset, style: style, limit: rect.width - 2)
        }
    }
}

/// The work for one picture: its bytes (fetched first when they are an output's not yet fetched), decoded to fit
/// the rectangle's pixels, encoded for the terminal (kitty: as the image `kittyImageID`, sent once).
struct PictureJob: Sendable {
    let key: PictureStage.Key
    let bytes: [UInt8]?
    let url: String?
    let kittyImageID: UInt32?

    func start(encoder: PictureEncoder, fetcher: OutputFetcher?, on queue: DispatchQueue, reportingTo arrivals: PictureArrivals) {
        if let bytes {
            queue.async { arrivals.post(Self.make(bytes, key: key, kittyImageID: kittyImageID, encoder: encoder, fetched: nil)) }
            return
        }
        guard let url, let fetcher else {
            arrivals.post(PictureArrival(key: key, made: .failed("no server to fetch it from"), fetched: nil, transmission: nil))
            return
        }
        Task.detached {
            do {
                let bytes = try await fetcher.fetch(url)
                queue.async { arrivals.post(Self.make(bytes, key: key, kittyImageID: kittyImageID, encoder: encoder, fetched: bytes)) }
            } catch {
                arrivals.post(PictureArrival(key: key, made: .failed("\(error)"), fetched: nil, transmission: nil))
            }
        }
    }

    /// Decoded no larger than the rectangle's pixels (bounded memory whatever the file says), then encoded (a video
    /// by its first frame, a sound as its waveform with a caption); a kitty image comes with the bytes that send it.
    static func make(_ bytes: [UInt8], key: PictureStage.Key, kittyImageID: UInt32?, encoder: PictureEncoder,
                     fetched: [UInt8]?) -> PictureArrival {
        let expected: ExpectedMedia = if case .output(let url) = key.source { MediaKind(url: url).expected } else { .picture }
        let image: PixelImage
        do {
            let box = (width: key.columns * encoder.cellSize.width, height: key.rows * encoder.cellSize.height)
            switch try OutputDecoder.decode(bytes, fitting: box, expecting: expected) {
            case .picture(let picture), .videoFrame(let picture, _):
                image = picture
            case .sound(let peaks, _):
                let captioned = key.rows >= 3
                let rows = WaveformDrawing(peaks).lines(columns: key.columns, rows: key.rows - (captioned ? 1 : 0))
                return PictureArrival(key: key, made: .waveform(rows, caption: captioned ? peaks.caption : ""), fetched: fetched, transmission: nil)
            }
        } catch {
            return PictureArrival(key: key, made: .failed(error.reason), fetched: fetched, transmission: nil)
        }
        if let kittyImageID, let (kitty, transmission) = encoder.kittyTransmission(image, columns: key.columns, rows: key.rows, imageID: kittyImageID) {
            return PictureArrival(key: key, made: .kitty(kitty), fetched: fetched, transmission: transmission)
        }
        let made: PictureStage.Made = switch encoder.encode(image, columns: key.columns, rows: key.rows) {
        case .graphics(let bytes, _, _): .graphics(bytes)
        case .symbols(let rows): .cells(rows)
        }
        return PictureArrival(key: key, made: made, fetched: fetched, transmission: nil)
    }
}

/// A picture made off the loop, waiting for the loop to take it.
struct PictureArrival: Sendable {
    let key: PictureStage.Key
    let made: PictureStage.Made
    /// The output's bytes, when they were fetched for it.
    let fetched: [UInt8]?
    /// The bytes that send a kitty image to the terminal, written once, before the frame that first places it.
    let transmission: [UInt8]?
}

/// Where the work posts what it made, for the loop to take.
final class PictureArrivals: Sendable {
    private let items = Mutex<[PictureArrival]>([])

    func post(_ arrival: PictureArrival) {
        items.withLock { $0.append(arrival) }
    }

    func take() -> [PictureArrival] {
        items.withLock { items in
            defer { items = [] }
            return items
        }
    }
}
