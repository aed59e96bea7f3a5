import Foundation
import Testing
@testable import ComfyKit

/// The prompt ids a run chooses are random version-4 UUIDs, as Foundation's `UUID()` makes them.
@Suite struct SystemRandomUUIDTests {
    @Test func eachIsAVersion4UUIDWithTheRFC4122VariantAndNoneRepeats() {
        let ids = (0..<2_000).map { _ in UUID.systemRandom().uuidString.lowercased() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let characters = Array(id)
            #expect(characters.count == 36 && characters[14] == "4" && "89ab".contains(characters[19]), "\(id)")
        }
        // Every other hex digit takes all 16 values over 2,000 ids: the bits are random, not fixed.
        #expect(Set(ids.map { Array($0)[0] }).count == 16 && Set(ids.map { Array($0)[35] }).count == 16)
    }
}
