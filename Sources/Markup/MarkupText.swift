/// Escaping of untrusted text (a student's output, a name from a roster) for XML, SVG and
/// HTML documents: the one implementation the SVG drawings, the JUnit XML and the HTML
/// reports share.
///
/// The five characters with a meaning in markup (`& < > " '`) become entities, so the
/// result is inert both as element content and inside a quoted attribute value: a student
/// whose output holds `</pre><script>` gets that text shown, never run. Characters XML 1.0
/// forbids (control characters other than tab, line feed and carriage return, U+FFFE and
/// U+FFFF) become U+FFFD, so a document with a stray `\u{1B}` from a coloured terminal still
/// parses; HTML shows the replacement character where it was.
public enum MarkupText {
    /// How line breaks come out.
    public enum LineBreaks: Sendable {
        /// As they are (element content, where they are text).
        case kept
        /// As `&#10;` (and tab as `&#9;`, carriage return as `&#13;`): attribute values,
        /// where an XML parser would otherwise normalize them to spaces.
        case characterReferences
    }

    /// `text` escaped for markup (see the type's documentation).
    public static func escaped(_ text: String, lineBreaks: LineBreaks = .kept) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n" where lineBreaks == .characterReferences: result += "&#10;"
            case "\t" where lineBreaks == .characterReferences: result += "&#9;"
            case "\r" where lineBreaks == .characterReferences: result += "&#13;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value):
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
