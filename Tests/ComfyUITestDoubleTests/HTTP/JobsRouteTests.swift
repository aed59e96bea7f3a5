import Foundation
import Testing
@testable import ComfyUITestDouble

/// The jobs API of newer ComfyUI, served under `servesJobsAPI` in `comfy_execution/jobs.py`'s shapes.
@Suite struct JobsRouteTests {
    static func jobsAPI(_ config: inout ComfyUIDouble.Configuration) { config.servesJobsAPI = true }

    @Test func theDefaultDoubleIsA0364ServerWithoutJobs() async throws {
        try await withDouble { _, client in
            #expect(try await client.get("/api/jobs").status == 404)
            #expect(try await client.get("/api/jobs/\(UUID().uuidString.lowercased())").status == 404)
            // 0.3.64 takes any prompt_id and stamps no create_time.
            let (reply, promptID) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "old", extra: ["prompt_id": "Not-A-UUID"])
            #expect(reply.status == 200)
            #expect(promptID == "Not-A-UUID")
        }
    }

    @Test func aFinishedPromptIsACompletedJobWithItsOutputsAndWorkflow() async throws {
        try await withDouble(Self.jobsAPI) { double, client in
            let run = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            let job = try #require(try await client.get("/api/jobs/\(run.promptID)").json)
            #expect(job["id"]?.stringValue == run.promptID)
            #expect(job["status"]?.stringValue == "completed")
            #expect(job["completion_status"]?.stringValue == "success")
            #expect(job["outputs_count"]?.intValue == 1)
            #expect(job["preview_output"]?["mediaType"]?.stringValue == "images")
            #expect(job["preview_output"]?["nodeId"]?.stringValue == run.history?["outputs"]?.objectValue?.keys.first)
            #expect(job["create_time"]?.intValue != nil)
            #expect(job["execution_start_time"]?.intValue != nil)
            #expect(job["outputs"] == run.history?["outputs"])
            #expect(job["execution_status"] == run.history?["status"])
            #expect(job["workflow"]?["prompt"] == run.history?["prompt"]?.arrayValue?[2])
            let keys = job.objectValue?.keys ?? []
            #expect(keys.prefix(4) == ["id", "status", "priority", "create_time"])
        }
    }

    @Test func theListHasRunningPendingAndEndedJobsNewestFirstWithPagination() async throws {
        try await withDouble({ Self.jobsAPI(&$0); $0.nodeDurations[.classType("ImageBlur")] = .seconds(5) }) { double, client in
            let finished = try await run(try Recordings.workflow("01_empty_image_save"), on: double)
            let (_, running) = try await client.submit(try Recordings.workflow("02_load_transform_save"), clientID: "a")
            try await Task.sleep(for: .milliseconds(50))
            let (_, pending) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "b")
            let list = try #require(try await client.get("/api/jobs").json)
            let jobs = list["jobs"]?.arrayValue ?? []
            #expect(jobs.map { $0["id"]?.stringValue } == [pending, running, finished.promptID])
            #expect(jobs.map { $0["status"]?.stringValue } == ["pending", "in_progress", "completed"])
            #expect(list["pagination"] == ["offset": 0, "limit": nil, "total": 3, "has_more": false])
            let page = try #require(try await client.get("/api/jobs?status=completed,pending&limit=1").json)
            #expect(page["jobs"]?.arrayValue?.map { $0["id"]?.stringValue } == [pending])
            #expect(page["pagination"] == ["offset": 0, "limit": 1, "total": 2, "has_more": true])
            let wrong = try await client.get("/api/jobs?status=done")
            #expect(wrong.status == 400)
            #expect(wrong.json?["error"]?.stringValue == "Invalid status value(s): done. Valid values: pending, in_progress, completed, failed, cancelled")
            // Queued jobs carry no outputs yet.
            #expect(jobs[0].objectValue?.keys == ["id", "status", "priority", "create_time", "outputs_count", "previewable_outputs_count"])
            _ = try await client.post("/api/jobs/cancel", json: ["job_ids": [.string(running), .string(pending)]])
        }
    }

    @Test func cancelDequeuesAPendingJobInterruptsARunningOneAndIgnoresTheRest() async throws {
        try await withDouble({ Self.jobsAPI(&$0); $0.nodeDurations[.classType("ImageBlur")] = .seconds(5) }) { double, client in
            let (_, running) = try await client.submit(try Recordings.workflow("02_load_transform_save"), clientID: "a")
            let (_, pending) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "a")
            try await Task.sleep(for: .milliseconds(50))
            #expect(try await client.post("/api/jobs/\(pending)/cancel", json: [:]).json == ["cancelled": true])
            #expect(try await client.get("/api/jobs/\(pending)").status == 404)
            #expect(try await client.post("/api/jobs/\(running)/cancel", json: [:]).json == ["cancelled": true])
            #expect(await double.waitUntilIdle())
            #expect(try await client.get("/api/jobs/\(running)").json?["status"]?.stringValue == "cancelled")
            #expect(try await client.post("/api/jobs/\(running)/cancel", json: [:]).json == ["cancelled": false])
            #expect(try await client.post("/api/jobs/\(UUID().uuidString.lowercased())/cancel", json: [:]).json == ["cancelled": false])
            let batch = try await client.post("/api/jobs/cancel", json: ["job_ids": ["nope"]])
            #expect(batch.status == 400)
            #expect(batch.json?["invalid_ids"] == ["nope"])
        }
    }

    @Test func aPromptIDThatIsNotACanonicalLowercaseUUIDIsRefused() async throws {
        try await withDouble(Self.jobsAPI) { double, client in
            let upper = UUID().uuidString
            let (reply, _) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "c", extra: ["prompt_id": .string(upper)])
            #expect(reply.status == 400)
            #expect(reply.json?["error"]?["type"]?.stringValue == "invalid_prompt_id")
            #expect(await double.waitUntilIdle())
            let lower = upper.lowercased()
            let (accepted, promptID) = try await client.submit(try Recordings.workflow("01_empty_image_save"), clientID: "c", extra: ["prompt_id": .string(lower)])
            #expect(accepted.status == 200)
            #expect(promptID == lower)
        }
    }
}
