import ComfyKit
import Foundation
import Testing
@testable import ComfyKitTUI

/// Issue 11, item 11: a folder given for a media field is called a folder, not "no such file".
@Suite struct MediaFolderTests {
    @Test func aFolderInAMediaFieldIsSaidToBeAFolder() throws {
        var state = try Fixtures.loadedState()
        Fixtures.select("sd15/img2img", in: &state)
        _ = Fixtures.press(.enter, in: &state)
        let path = try #require(state.currentForm?.workflowPath)
        let index = try #require(state.forms[path]?.fields.firstIndex { $0.kind == .media })
        state.forms[path]?.focus = index
        Fixtures.type(Fixtures.examplesFolder, in: &state)
        let field = try #require(state.forms[path]?.fields[index])
        #expect(field.media == .folder)
        #expect(field.value() == .failure(FieldError(message: "\(Fixtures.examplesFolder) is a folder: name a file in it (Tab lists it)")))
    }
}
