import ComfyKit
import Foundation
import Testing

/// Code > environment > default: which setting wins, and how a workflow's source is detected.
@Suite struct ConfigurationTests {
    @Test func defaultsWhenNothingIsSet() throws {
        let config = try ComfyKitConfiguration.resolve(environment: [:])
        #expect(config.comfyUIBaseURL.absoluteString == "http://127.0.0.1:8188")
        #expect(config.executor == .websocket)
        #expect(config.comfyUIAPIKey == nil && config.cookies == nil && config.runningHubAPIKey == nil)
        #expect(config.runningHubBaseURL.absoluteString == "https://www.runninghub.ai")
        #expect(config.runningHubTimeout == nil)
        #expect(config.runningHubRetryCount == 3)
        #expect(config.runningHubInstanceType == nil)
    }

    @Test func everyVariableIsRead() throws {
        let config = try ComfyKitConfiguration.resolve(environment: [
            "COMFYUI_BASE_URL": "https://gpu.example/comfy/", "COMFYUI_EXECUTOR_TYPE": "http", "COMFYUI_API_KEY": "ck",
            "COMFYUI_COOKIES": "a=1; b = 2 ;junk", "RUNNINGHUB_BASE_URL": "https://www.runninghub.cn",
            "RUNNINGHUB_API_KEY": "rk", "RUNNINGHUB_TIMEOUT": "30", "RUNNINGHUB_RETRY_COUNT": "7", "RUNNINGHUB_INSTANCE_TYPE": "plus",
        ])
        #expect(config.comfyUIBaseURL.absoluteString == "https://gpu.example/comfy")
        #expect(config.executor == .http)
        #expect(config.comfyUIAPIKey?.value == "ck")
        #expect(config.cookies == .pairs([CookiePair(name: "a", value: Secret("1")), CookiePair(name: "b", value: Secret("2"))]))
        #expect(config.runningHubBaseURL.absoluteString == "https://www.runninghub.cn")
        #expect(config.runningHubAPIKey?.value == "rk")
        #expect(config.runningHubTimeout == .seconds(30))
        #expect(config.runningHubRetryCount == 7)
        #expect(config.runningHubInstanceType == "plus")
    }

    @Test func theExecutorVariableIsHonouredByDefault() throws {
        #expect(try ComfyKitConfiguration.resolve(environment: ["COMFYUI_EXECUTOR_TYPE": "WebSocket"]).executor == .websocket)
        #expect(try ComfyKitConfiguration.resolve(environment: ["COMFYUI_EXECUTOR_TYPE": "http"]).executor == .http)
    }

    @Test func codeBeatsTheEnvironmentEvenWhenItEqualsTheDefault() throws {
        let config = try ComfyKitConfiguration.resolve(
            .init(comfyUIBaseURL: URL(string: "http://10.0.0.5:8188"), executor: .websocket, runningHubRetryCount: 3),
            environment: ["RUNNINGHUB_RETRY_COUNT": "7", "COMFYUI_EXECUTOR_TYPE": "http", "COMFYUI_BASE_URL": "http://other:1"])
        #expect(config.runningHubRetryCount == 3)
        #expect(config.executor == .websocket)
        #expect(config.comfyUIBaseURL.host == "10.0.0.5")
    }

    @Test func theComfyUIKeyIsNeverUsedForRunningHub() throws {
        #expect(try ComfyKitConfiguration.resolve(environment: ["COMFYUI_API_KEY": "ck"]).runningHubAPIKey == nil)
    }

    @Test func emptyVariablesCountAsUnset() throws {
        let config = try ComfyKitConfiguration.resolve(environment: ["COMFYUI_BASE_URL": "", "RUNNINGHUB_TIMEOUT": " ", "COMFYUI_API_KEY": ""])
        #expect(config.comfyUIBaseURL == ComfyKitConfiguration.defaultComfyUIBaseURL)
        #expect(config.runningHubTimeout == nil)
        #expect(config.comfyUIAPIKey == nil)
    }

    @Test func aHostAndPortWithoutSchemeMeansHTTP() throws {
        #expect(try ComfyKitConfiguration.resolve(environment: ["COMFYUI_BASE_URL": "gpu-box:8188"]).comfyUIBaseURL.absoluteString == "http://gpu-box:8188")
    }

    @Test(arguments: [
        ("RUNNINGHUB_TIMEOUT", "abc", "RUNNINGHUB_TIMEOUT=\"abc\" is not valid: expected a positive number of seconds (unset it for no timeout)"),
        ("RUNNINGHUB_TIMEOUT", "0", "RUNNINGHUB_TIMEOUT=\"0\" is not valid: expected a positive number of seconds (unset it for no timeout)"),
        ("RUNNINGHUB_TIMEOUT", "-5", "RUNNINGHUB_TIMEOUT=\"-5\" is not valid: expected a positive number of seconds (unset it for no timeout)"),
        ("RUNNINGHUB_RETRY_COUNT", "three", "RUNNINGHUB_RETRY_COUNT=\"three\" is not valid: expected a whole number from 0 to 20"),
        ("RUNNINGHUB_RETRY_COUNT", "-1", "RUNNINGHUB_RETRY_COUNT=\"-1\" is not valid: expected a whole number from 0 to 20"),
        ("COMFYUI_EXECUTOR_TYPE", "grpc", "COMFYUI_EXECUTOR_TYPE=\"grpc\" is not valid: expected websocket (or ws) or http"),
        ("COMFYUI_BASE_URL", "ftp://host", "COMFYUI_BASE_URL=\"ftp://host\" is not valid: expected an http(s) URL such as http://127.0.0.1:8188"),
        ("COMFYUI_BASE_URL", "http://", "COMFYUI_BASE_URL=\"http://\" is not valid: expected an http(s) URL such as http://127.0.0.1:8188"),
        ("RUNNINGHUB_BASE_URL", "http://h?x=1", "RUNNINGHUB_BASE_URL=\"http://h?x=1\" is not valid: expected an http(s) URL such as http://127.0.0.1:8188"),
        ("COMFYUI_COOKIES", "{not json", "COMFYUI_COOKIES is not valid: expected a JSON object of cookie names and values"),
    ])
    func malformedValuesAreClearErrors(variable: String, value: String, message: String) {
        #expect {
            _ = try ComfyKitConfiguration.resolve(environment: [variable: value])
        } throws: { error in
            "\(error)" == message
        }
    }

    @Test func cookiesComeAsPairsJSONOrAURL() throws {
        #expect(try CookieSource(parsing: #" {"session":"abc","x":"1"} "#) == .pairs([CookiePair(name: "session", value: Secret("abc")), CookiePair(name: "x", value: Secret("1"))]))
        #expect(try CookieSource(parsing: "https://auth.example/cookies") == .url(URL(string: "https://auth.example/cookies")!))
        #expect(CookiePair.header(try CookieSource.parseBody("a=1; b = 2 ;junk")) == "a=1; b=2")
    }

    @Test func secretsNeverPrintThemselves() throws {
        let config = try ComfyKitConfiguration.resolve(environment: ["COMFYUI_API_KEY": "sk-very-secret", "RUNNINGHUB_API_KEY": "rh-secret", "COMFYUI_COOKIES": "session=cookie-secret"])
        var dumped = ""
        dump(config, to: &dumped)
        for text in ["\(config)", String(reflecting: config), dumped] {
            #expect(!text.contains("very-secret") && !text.contains("rh-secret") && !text.contains("cookie-secret"))
        }
    }
}
