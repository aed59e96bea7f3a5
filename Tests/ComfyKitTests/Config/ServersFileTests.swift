import ComfyKit
import ComfyKitTesting
import Foundation
import Testing

/// Named servers in servers.toml, and several servers through ComfyKitConfiguration.resolve.
@Suite struct ServersFileTests {
    private static let twoServers = """
        default = ["box1", "box2"]

        [servers.box1]
        url = "http://box1:8188"
        api_key = "sk-box1-secret"

        [servers.box2]
        url = "box2:8188"
        api_key_env = "BOX2_KEY"
        cookies = {session = "cookie-secret"}
        """

    /// Writes `text` as `$XDG_CONFIG_HOME/comfykit/servers.toml` under `root` and returns the environment that finds it.
    private func environment(_ text: String, in root: URL, _ extra: [String: String] = [:]) throws -> [String: String] {
        let folder = root.appendingPathComponent("comfykit")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("servers.toml"))
        return ["XDG_CONFIG_HOME": root.path].merging(extra) { $1 }
    }

    @Test func namedServersCarryTheirOwnCredentialsAndTheDefaultListIsUsedWhenNoneIsGiven() async throws {
        try await withTemporaryDirectory("ck-servers") { root in
            let env = try environment(Self.twoServers, in: root, ["BOX2_KEY": "sk-box2-secret"])
            let config = try ComfyKitConfiguration.resolve(environment: env)
            #expect(config.servers.map(\.name) == ["box1", "box2"])
            #expect(config.servers.map(\.baseURL.absoluteString) == ["http://box1:8188", "http://box2:8188"])
            #expect(config.servers.map { $0.apiKey?.value } == ["sk-box1-secret", "sk-box2-secret"])
            #expect(config.servers[1].cookies == .pairs([CookiePair(name: "session", value: Secret("cookie-secret"))]))
            #expect(config.servers[0].cookies == nil)
            #expect(config.comfyUIBaseURL.absoluteString == "http://box1:8188" && config.comfyUIAPIKey?.value == "sk-box1-secret")
            var dumped = ""
            dump(config, to: &dumped)
            for text in ["\(config)", String(reflecting: config), dumped] {
                #expect(!text.contains("box1-secret") && !text.contains("box2-secret") && !text.contains("cookie-secret"))
            }
        }
    }

    @Test func codeAndTheCommaListNameServersByURLOrNameAndTheEnvironmentKeyGoesToThoseWithoutTheirOwn() async throws {
        try await withTemporaryDirectory("ck-servers") { root in
            let env = try environment(Self.twoServers, in: root, ["BOX2_KEY": "k2", "COMFYUI_API_KEY": "shared"])
            let code = try ComfyKitConfiguration.resolve(.init(servers: [.named("box2"), .url(URL(string: "http://box3:8188")!)]), environment: env)
            #expect(code.servers.map(\.name) == ["box2", "http://box3:8188"])
            #expect(code.servers.map { $0.apiKey?.value } == ["k2", "shared"])
            var listed = env
            listed["COMFYUI_BASE_URL"] = "box1, http://box4:8188"
            let fromList = try ComfyKitConfiguration.resolve(environment: listed)
            #expect(fromList.servers.map(\.baseURL.absoluteString) == ["http://box1:8188", "http://box4:8188"])
            #expect(fromList.servers.map { $0.apiKey?.value } == ["sk-box1-secret", "shared"])
        }
    }

    @Test func aCommaListWithoutAServersFileIsSeveralURLsAndABareHostStaysAHost() throws {
        let config = try ComfyKitConfiguration.resolve(environment: ["COMFYUI_BASE_URL": "gpu-a:8188,gpu-b , http://gpu-c:1"])
        #expect(config.servers.map(\.baseURL.absoluteString) == ["http://gpu-a:8188", "http://gpu-b", "http://gpu-c:1"])
        #expect(config.comfyUIBaseURL.absoluteString == "http://gpu-a:8188")
    }

    @Test func theSameServerTwiceAndAnUnknownNameAreClearErrors() async throws {
        #expect {
            _ = try ComfyKitConfiguration.resolve(environment: ["COMFYUI_BASE_URL": "http://a:1,a:1"])
        } throws: { error in
            "\(error)" == "--server=\"http://a:1\" is not valid: expected each server once (http://a:1 is http://a:1 too)"
        }
        try await withTemporaryDirectory("ck-servers") { root in
            let env = try environment(Self.twoServers, in: root, ["BOX2_KEY": "k"])
            let path = root.appendingPathComponent("comfykit/servers.toml").path
            #expect {
                _ = try ComfyKitConfiguration.resolve(.init(servers: [.named("box9")]), environment: env)
            } throws: { error in
                "\(error)" == "--server=\"box9\" is not valid: expected a server URL or one of box1, box2 (from \(path))"
            }
        }
    }

    @Test(arguments: [
        ("[servers.a]\nurl = \"http://a\"\napi-key = \"zzz\"\n", 3, "unknown key servers.a.api-key (expected url, api_key, api_key_env, cookies)"),
        ("\n[servers.a]\napi_key = \"zzz\"\n", 2, "servers.a has no url (url = \"http://host:8188\")"),
        ("[servers.a]\n\nurl = \"ftp://a\"\n", 3, "servers.a.url=\"ftp://a\" is not valid: expected an http(s) URL such as http://127.0.0.1:8188"),
        ("[servers.a]\nurl = \"http://a\"\napi_key_env = \"NOPE_UNSET\"\n", 3, "servers.a.api_key_env names NOPE_UNSET, which is not set"),
        ("default = [\"b\"]\n[servers.a]\nurl = \"http://a\"\n", 1, "default names b, which has no [servers.b] table"),
        ("[servers.a]\nurl = 8188\n", 2, "servers.a.url must be a string"),
        ("[servers.a]\nurl = \"http://a\n", 2, "not valid TOML"),
    ])
    func aBadFileIsAnErrorNamingItsLineAndKey(text: String, line: Int, problem: String) async throws {
        try await withTemporaryDirectory("ck-servers") { root in
            let env = try environment(text, in: root)
            let path = root.appendingPathComponent("comfykit/servers.toml").path
            #expect {
                _ = try ComfyKitConfiguration.resolve(environment: env)
            } throws: { error in
                "\(error)".hasPrefix("\(path), line \(line): \(problem)")
            }
        }
    }

    @Test func aSecretInABadFileIsNeverEchoed() async throws {
        try await withTemporaryDirectory("ck-servers") { root in
            let env = try environment("[servers.a]\nurl = \"http://user:pw-secret@a\"\napi_key = \"k\"\n", in: root)
            do {
                _ = try ComfyKitConfiguration.resolve(environment: env)
                Issue.record("a URL with a password was accepted")
            } catch {
                #expect(!"\(error)".contains("pw-secret"), "\(error)")
                #expect("\(error)".contains("line 2"))
            }
        }
    }

    @Test func eachNamedServerGetsOnlyItsOwnKey() async throws {
        try await withComfyUIDouble { one in
            try await withComfyUIDouble { two in
                let file = try ServersFile(parsing: """
                    [servers.one]
                    url = "\(one.baseURL.absoluteString)"
                    api_key = "key-one"
                    [servers.two]
                    url = "\(two.baseURL.absoluteString)"
                    api_key = "key-two"
                    """, path: "servers.toml", environment: [:])
                let kit = ComfyKit(servers: [file.servers["one"]!, file.servers["two"]!], configuration: try .resolve(environment: [:]))
                defer { Task { await kit.close() } }
                #expect(kit.serverNames == ["one", "two"])
                for _ in 0..<4 {
                    let result = await kit.execute(.file(path: SharedFixtures.workflow("09_text_output").path), params: ["text": "hi", "number": 1])
                    #expect(result.status == .completed, "\(result.msg ?? "")")
                }
                for (double, key, other) in [(one, "key-one", "key-two"), (two, "key-two", "key-one")] {
                    let requests = await double.recordedRequests()
                    let keys = requests.flatMap { $0.headers.filter { $0.name.lowercased() == "authorization" }.map(\.value) }
                    #expect(!keys.isEmpty && keys.allSatisfy { $0 == "Bearer \(key)" }, "\(keys)")
                    #expect(!requests.contains { request in request.headers.contains { $0.value.contains(other) } })
                }
            }
        }
    }
}
