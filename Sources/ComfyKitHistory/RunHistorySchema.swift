import ComfyKit
import GRDB

/// The history's schema, one migration per change; a file is brought up to date when it is opened.
enum RunHistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs") { db in
            try db.create(table: RunRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("workflowName", .text).notNull()
                t.column("workflowSource", .text).notNull()
                t.column("workflowJSON", .text).notNull()
                t.column("sentHash", .text).notNull()
                t.column("paramsJSON", .text).notNull()
                t.column("target", .text).notNull()
                t.column("server", .text).notNull()
                t.column("promptID", .text)
                t.column("status", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("submittedAt", .datetime)
                t.column("finishedAt", .datetime)
                t.column("duration", .double)
                t.column("resultJSON", .text)
                t.column("message", .text)
                t.column("downloadsJSON", .text).notNull().defaults(to: "[]")
            }
            // Newest first, optionally by status: `runs ls` and the TUI's history walk these and stop at the limit.
            try db.create(index: "run_createdAt", on: RunRecord.databaseTableName, columns: ["createdAt"])
            try db.create(index: "run_status_createdAt", on: RunRecord.databaseTableName, columns: ["status", "createdAt"])
            try db.create(index: "run_promptID", on: RunRecord.databaseTableName, columns: ["promptID"])
        }
        migrator.registerMigration("v2: sweeps") { db in
            try db.alter(table: RunRecord.databaseTableName) { t in
                t.add(column: "sweepID", .text)
                t.add(column: "sweepIndex", .integer)
                t.add(column: "sweepSize", .integer)
                t.add(column: "sweepVariedJSON", .text)
            }
            // A sweep left in flight is re-attached whole: its prompts in order.
            try db.create(index: "run_sweepID_sweepIndex", on: RunRecord.databaseTableName, columns: ["sweepID", "sweepIndex"])
        }
        migrator.registerMigration("v3: sweep plans") { db in
            // A sweep's planned prompts, kept so that those its app never sent can be sent by a later session.
            try db.create(table: SweepPlanRow.databaseTableName) { t in
                t.primaryKey("sweepID", .text)
                t.column("pointsJSON", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v4: owners") { db in
            // The process that runs a run or a sweep, so that a second app does not re-attach what a live one runs.
            try db.alter(table: RunRecord.databaseTableName) { t in t.add(column: "owner", .text) }
            try db.alter(table: SweepPlanRow.databaseTableName) { t in t.add(column: "owner", .text) }
        }
        migrator.registerMigration("v5: sweep endings") { db in
            // Whether a sweep ended (every prompt ended, or it was cancelled): one that did not, whose app is gone, is
            // sent on by the next session even with no prompt in flight. Earlier plans cannot tell: taken as ended.
            try db.alter(table: SweepPlanRow.databaseTableName) { t in t.add(column: "endedAt", .datetime) }
            try db.execute(sql: "UPDATE \(SweepPlanRow.databaseTableName) SET endedAt = createdAt")
        }
        migrator.registerMigration("v6: sweep servers, prompt ids asked for") { db in
            // The servers a sweep was started over, so that resuming it routes over them again; and each prompt's id as
            // sent, before its server answered, so that a later session can ask the server whether it arrived.
            try db.alter(table: SweepPlanRow.databaseTableName) { t in t.add(column: "serversJSON", .text) }
            try db.alter(table: RunRecord.databaseTableName) { t in t.add(column: "requestedPromptID", .text) }
        }
        return migrator
    }
}
