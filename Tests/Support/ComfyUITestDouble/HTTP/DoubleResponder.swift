import Foundation
import HTTPTypes
import Hummingbird

/// Answers every HTTP request: records it, applies the origin check, strips `/api`, and routes it.
struct DoubleResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let context: DoubleContext

    func respond(to request: Request, context _: Context) async throws -> Response {
        var request = request
        let headers = Self.headerList(request.head)
        let limit = context.configuration.maxUploadSize
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.collectBody(upTo: limit))
        } catch {
            return Self.response(.text("413: Request Entity Too Large", status: 413))
        }
        let path = request.head.path ?? "/"
        await context.recorder.record(RecordedRequest(method: request.method.rawValue, path: path, headers: headers, body: body,
                                                      isWebSocketUpgrade: false, receivedAt: Date()))
        if OriginCheck.rejects(host: request.head.authority, origin: request.headers[.origin]) {
            return Self.response(.status(403))
        }
        let incoming = Self.incoming(method: request.method.rawValue, path: path, headers: headers, body: body)
        return Self.response(await DoubleRouter(context: context).route(incoming))
    }

    static func incoming(method: String, path: String, headers: [(name: String, value: String)], body: [UInt8]) -> IncomingRequest {
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var route = (parts.first.map(String.init) ?? "/").removingPercentEncoding ?? "/"
        let apiPrefixed = route.hasPrefix("/api/")
        if apiPrefixed { route.removeFirst(4) }
        return IncomingRequest(method: method, route: route, apiPrefixed: apiPrefixed,
                               query: parts.count > 1 ? QueryString.parse(String(parts[1])) : [], headers: headers, body: body)
    }

    /// Header fields as received, with `Host` put back (HTTPTypes keeps it as the authority).
    static func headerList(_ head: HTTPRequest) -> [(name: String, value: String)] {
        var list: [(name: String, value: String)] = []
        if let authority = head.authority { list.append(("Host", authority)) }
        for field in head.headerFields { list.append((field.name.rawName, field.value)) }
        return list
    }

    static func response(_ reply: HTTPReply) -> Response {
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let status = HTTPResponse.Status(code: reply.status)
        switch reply.body {
        case .empty:
            return Response(status: status, headers: fields, body: ResponseBody())
        case .bytes(let bytes):
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .stream(let chunks, let length):
            fields[.contentLength] = String(length)
            return Response(status: status, headers: fields, body: ResponseBody(contentLength: length) { writer in
                for chunk in chunks { try await writer.write(ByteBuffer(bytes: chunk)) }
                try await writer.finish(nil)
            })
        }
    }
}
