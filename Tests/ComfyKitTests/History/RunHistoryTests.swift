import ComfyKit
import ComfyKitHistory
import ComfyKitTesting
import Foundation
import GRDB
import Testing

/// The run history file: records read back as written, filters, WAL, two writers, bad files kept aside.
@Suite struct RunHistoryTests {
    static func record(_ name: String = "txt2img", status: RunRecordStatus = .running, promptID: String? = nil, params: String = "{}", at date: Date = Date()) -> RunRecord {
        RunRecord(
            workflowName: name, workflowSource: "/flows/\(name).json", workflowJSON: #"{"1":{"class_type":"EmptyImage","inputs":{}}}"#,
            sentHash: "0123456789abcdef", paramsJSON: params, target: .comfyUI, server: "http://127.0.0.1:8188",
            promptID: promptID, status: status, createdAt: date)
    }

    @Test func aRecordIsFoundByItsIdAPrefixOfItOrItsPromptID() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            // Times are kept to the millisecond.
            let record = Self.record(promptID: "4f0c2e1a-0000-4000-8000-000000000001", params: #"{"seed":7,"prompt":"a fox"}"#, at: Date(timeIntervalSince1970: 1_800_000_000.5))
            try await history.insert(record)
            #expect(try await history.record(record.id) == record)
            #expect(try await history.record(String(record.id.prefix(5)))?.id == record.id)
            #expect(try await history.record("4f0c2e1a-0000-4000-8000-000000000001")?.id == record.id)
            #expect(try await history.record("ffffffff") == nil)
            #expect(try await history.record(record.id)?.params == ["seed": 7, "prompt": "a fox"])
        }
    }

    @Test func aShortIdAlreadyTakenIsReplacedByAFreshOne() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            var first = Self.record(), second = Self.record()
            first.id = "0000abcd"
            second.id = "0000abcd"
            #expect(try await history.insert(first).id == "0000abcd")
            let stored = try await history.insert(second)
            #expect(stored.id != "0000abcd" && stored.id.count == 8)
            #expect(try await history.count() == 2)
        }
    }

    @Test func runsAreListedNewestFirstAndFilteredByStatusWorkflowAndText() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let history = try RunHistory(url: folder.appendingPathComponent("runs.sqlite"))
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            try await history.insert(Self.record("txt2img", status: .completed, params: #"{"prompt":"a red fox"}"#, at: start))
            try await history.insert(Self.record("upscale", status: .error, at: start + 1))
            try await history.insert(Self.record("txt2img", status: .error, params: #"{"prompt":"a blue whale"}"#, at: start + 2))
            #expect(try await history.runs().map(\.workflowName) == ["txt2img", "upscale", "txt2img"])
            #expect(try await history.runs(RunFilter(status: .error)).map(\.createdAt) == [start + 2, start + 1])
            #expect(try await history.runs(RunFilter(workflow: "IMG")).count == 2)
            #expect(try await history.runs(RunFilter(text: "whale")).map(\.createdAt) == [start + 2])
            #expect(try await history.runs(RunFilter(text: "%")).isEmpty)
            #expect(try await history.runs(RunFilter(limit: 1)).count == 1)
            #expect(try await history.count(RunFilter(status: .error, limit: 1)) == 2)
        }
    }

    @Test func theFileIsInWALModeWithTheMigrationsApplied() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let url = folder.appendingPathComponent("runs.sqlite")
            _ = try RunHistory(url: url)
            let queue = try DatabaseQueue(path: url.path)
            let (mode, migrations) = try await queue.read { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            }
            #expect(mode == "wal")
            #expect(migrations == ["v1: runs", "v2: sweeps", "v3: sweep plans", "v4: owners", "v5: sweep endings",
                                  "v6: sweep servers, prompt ids asked for"])
        }
    }

    /// Plans kept before sweeps recorded their end cannot tell a finished sweep from a left one: they are taken as
    /// ended, so a new version never sends an old sweep's prompts again by itself.
    @Test func sweepPlansFromBeforeEndingsWereKeptAreTakenAsEnded() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let url = folder.appendingPathComponent("runs.sqlite")
            let points = [SweepPlan.Point(index: 0, values: ["seed": .int(1)], varied: [("seed", .int(1))])]
            try await RunHistory(url: url).recordPlan(points, ofSweep: "old")
            // The file as version 4 of the schema left it.
            let queue = try DatabaseQueue(path: url.path)
            try await queue.write { db in
                try db.execute(sql: "ALTER TABLE sweepPlan DROP COLUMN endedAt")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5: sweep endings'")
            }
            try queue.close()
            let history = try RunHistory(url: url)
            #expect(history.recovery == nil)
            #expect(try await history.endOfSweep("old") != nil)
            #expect(try await history.plannedPoints(ofSweep: "old").count == 1)
        }
    }

    /// A file from before sweeps kept their servers and the ids their prompts were sent under opens with neither:
    /// a resumed sweep then routes over the servers its records name, and a prompt never confirmed stays so.
    @Test func aFileFromBeforeSweepServersAndAskedIdsOpensWithoutThem() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let url = folder.appendingPathComponent("runs.sqlite")
            let points = [SweepPlan.Point(index: 0, values: ["seed": .int(1)], varied: [("seed", .int(1))])]
            let old = try RunHistory(url: url)
            try await old.recordPlan(points, ofSweep: "old", servers: ["box1"])
            try await old.insert(Self.record())
            // The file as version 5 of the schema left it.
            let queue = try DatabaseQueue(path: url.path)
            try await queue.write { db in
                try db.execute(sql: "ALTER TABLE sweepPlan DROP COLUMN serversJSON")
                try db.execute(sql: "ALTER TABLE run DROP COLUMN requestedPromptID")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v6: sweep servers, prompt ids asked for'")
            }
            try queue.close()
            let history = try RunHistory(url: url)
            #expect(history.recovery == nil)
            #expect(try await history.plannedServers(ofSweep: "old") == nil)
            #expect(try await history.plannedPoints(ofSweep: "old").count == 1)
            let runs = try await history.runs()
            #expect(runs.count == 1 && runs.allSatisfy { $0.requestedPromptID == nil })
        }
    }

    @Test func twoWritersAtOnceNeverCorruptIt() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let url = folder.appendingPathComponent("runs.sqlite")
            let first = try RunHistory(url: url), second = try RunHistory(url: url)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for history in [first, second] {
                    group.addTask {
                        for _ in 0..<150 {
                            let record = Self.record()
                            try await history.insert(record)
                            try await history.finish(record.id, with: RunOutcome(result: ExecuteResult(status: .completed, promptID: "p-\(record.id)")))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await first.count(RunFilter(status: .completed)) == 300)
            let queue = try DatabaseQueue(path: url.path)
            #expect(try await queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        }
    }

    @Test func aCorruptFileIsKeptAsideNamedAndAFreshOneUsed() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let url = folder.appendingPathComponent("runs.sqlite")
            let garbage = Data(repeating: 0x5A, count: 8192)
            try garbage.write(to: url)
            let history = try RunHistory(url: url)
            let recovery = try #require(history.recovery)
            #expect(recovery.file == url.path)
            #expect(recovery.description.contains(url.path))
            let aside = try #require(recovery.keptAs)
            #expect(try Data(contentsOf: URL(fileURLWithPath: aside)) == garbage)
            try await history.insert(Self.record())
            #expect(try await history.count() == 1)
        }
    }

    @Test func aFileFromANewerSchemaIsKeptAsideAndAFreshOneUsed() async throws {
        try await withTemporaryDirectory("ck-hist") { folder in
            let url = folder.appendingPathComponent("runs.sqlite")
            let old = try RunHistory(url: url)
            try await old.insert(Self.record())
            let queue = try DatabaseQueue(path: url.path)
            try await queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
            try queue.close()
            let history = try RunHistory(url: url)
            let recovery = try #require(history.recovery)
            #expect(recovery.reason.contains("newer version"))
            #expect(recovery.keptAs.map { FileManager.default.fileExists(atPath: $0) } == true)
            #expect(try await history.count() == 0)
        }
    }

    @Test func theDefaultFileIsUnderXDGStateHome() {
        #expect(RunHistory.defaultURL(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path == "/s/comfykit/runs.sqlite")
        #expect(RunHistory.defaultURL(environment: ["HOME": "/h"]).path == "/h/.local/state/comfykit/runs.sqlite")
    }
}
