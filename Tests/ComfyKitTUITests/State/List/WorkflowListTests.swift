import Testing
@testable import ComfyKitTUI

/// The list component on its own: its keys, clicks and the folder watcher's rescans.
@Suite struct WorkflowListTests {
    private func scannedList() throws -> WorkflowList {
        var list = WorkflowList()
        list.applyScanned(try Fixtures.examples())
        return list
    }

    @Test func movesAndTheFilterAreTheListsAndOtherKeysAreLeftToTheApp() throws {
        var list = try scannedList()
        #expect(list.update(.key(.down)) == .handled)
        #expect(list.selected == 1)
        #expect(list.update(.key(.character("q"))) == .unhandled)
        #expect(list.update(.key(.character("r"))) == .unhandled)
        #expect(list.update(.key(.enter)) == .open)
        #expect(list.update(.key(.character("/"))) == .handled)
        #expect(list.update(.key(.character("q"))) == .handled, "typed into the filter")
        #expect(list.filter == "q")
        #expect(list.selected == 0)
    }

    @Test func aClickHighlightsARowAndASecondClickOpensIt() throws {
        var list = try scannedList()
        #expect(list.update(.click(index: 2)) == .handled)
        #expect(list.selected == 2)
        #expect(list.update(.click(index: 2)) == .open)
        #expect(list.update(.click(index: 999)) == .handled)
        #expect(list.selected == 2, "a click below the rows changes nothing")
    }

    @Test func aPasteGoesIntoTheFilterWithoutItsNewlinesOnlyWhileFiltering() throws {
        var list = try scannedList()
        #expect(list.update(.paste("sd")) == .unhandled)
        _ = list.update(.key(.character("/")))
        #expect(list.update(.paste("sd\n15")) == .handled)
        #expect(list.filter == "sd15")
    }

    @Test func aWatchedChangeRescansOnceItSettlesAndNeverDuringAScan() throws {
        var list = try scannedList()
        list.noteFolderChanged(at: 10)
        list.noteFolderChanged(at: 10.2)
        let early = list.startRescanIfDue(at: 10.25)
        #expect(!early, "the burst's first change sets the time")
        let settled = list.startRescanIfDue(at: 10 + AutoRescan.settleDelay)
        #expect(settled)
        #expect(list.isLoading && list.autoRescan.isScanning)
        list.noteFolderChanged(at: 11)
        let duringScan = list.startRescanIfDue(at: 12)
        #expect(!duringScan, "waits for the scan in flight")
        list.applyScanned(list.entries)
        let afterScan = list.startRescanIfDue(at: 12)
        #expect(afterScan)
    }
}
