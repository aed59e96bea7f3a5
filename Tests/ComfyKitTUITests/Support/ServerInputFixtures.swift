import ComfyKit
import ComfyKitTesting
import Foundation
@testable import ComfyKitTUI

/// The real server's `GET /object_info`, recorded in `shared/comfyui/object_info.json`, as the app reads it.
enum ServerInputFixtures {
    static let objectInfo: ObjectInfo = {
        guard let data = try? Data(contentsOf: SharedFixtures.objectInfo), case .object(let document)? = try? JSONValue(parsing: Array(data)) else {
            return ObjectInfo(classes: [:])
        }
        return ObjectInfo(document)
    }()

    /// A loaded state connected to a server whose catalog has arrived, with `workflow`'s form open.
    static func connectedForm(_ workflow: String, width: Int = 100, height: Int = 30) throws -> AppState {
        var state = try Fixtures.loadedState(width: width, height: height)
        _ = update(&state, .serverProbed(.connected(queue: 0)))
        _ = update(&state, .objectInfoLoaded(objectInfo))
        Fixtures.select(workflow, in: &state)
        _ = Fixtures.press(.enter, in: &state)
        return state
    }

    static func focus(_ name: String, in state: inout AppState) {
        guard case .form(let path) = state.route, let index = state.forms[path]?.fields.firstIndex(where: { $0.name == name }) else { return }
        state.forms[path]?.focus = index
    }

    static func field(_ name: String, in state: AppState) -> FieldState? {
        state.currentForm?.fields.first { $0.name == name }
    }

    static func lines(_ state: AppState) -> [String] {
        var screen = Screen(width: state.width, height: state.height)
        render(state, into: &screen)
        return screen.lines
    }
}
