import Foundation

/// The OSC 52 escape sequence that asks the terminal (or tmux, with `set-clipboard on`) to put text on the
/// system clipboard; works over SSH, where no local clipboard tool could.
enum OSC52 {
    /// `ESC ] 52 ; c ; <base64 of the UTF-8 text> BEL`.
    static func sequence(copying text: String) -> [UInt8] {
        Array("\u{1B}]52;c;".utf8) + Array(Data(text.utf8).base64EncodedString().utf8) + [0x07]
    }
}
