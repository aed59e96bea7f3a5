import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import ComfyUITestDouble

/// Plain HTTP calls against a double, answering status and parsed body.
struct DoubleClient {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var json: JSONValue? { try? JSONParser.parse(body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let base: URL

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send("GET", path, body: nil, headers: headers)
    }

    func post(_ path: String, json: JSONValue, headers: [(String, String)] = []) async throws -> Reply {
        try await send("POST", path, body: JSONWriter.bytes(json), headers: headers)
    }

    func post(_ path: String, raw: [UInt8]?, headers: [(String, String)] = []) async throws -> Reply {
        try await send("POST", path, body: raw, headers: headers)
    }

    /// Submits a workflow as `{"prompt": …, "client_id": …}`; answers the reply and the prompt id.
    func submit(_ workflow: JSONValue, clientID: String?, extra: JSONObject = [:]) async throws -> (Reply, String) {
        var body: JSONObject = ["prompt": workflow]
        if let clientID { body["client_id"] = .string(clientID) }
        for (key, value) in extra.entries { body[key] = value }
        let reply = try await post("/prompt", json: .object(body))
        return (reply, reply.json?["prompt_id"]?.stringValue ?? "")
    }

    /// `POST /upload/image` with the given form fields.
    func upload(filename: String, bytes: [UInt8], contentType: String = "image/png", fields: [(String, String)] = [], includeImage: Bool = true) async throws -> Reply {
        let boundary = "ComfyKitBoundary7MA4YWxk"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if includeImage {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"image\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await post("/upload/image", raw: body, headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")])
    }

    private func send(_ method: String, _ path: String, body: [UInt8]?, headers: [(String, String)]) async throws -> Reply {
        var request = HTTPClientRequest(url: base.absoluteString + path)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 256 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
    }
}
