import Foundation
import JSONSupport
import Markup
import Sandbox

/// The frame of matgrade's HTML pages: one self-contained file each (inline CSS, inline SVG,
/// no scripts, no external fonts, images or style sheets), so a page opens from disk, from an
/// e-mail attachment or from a CI artifact and looks the same. Every piece of text that is
/// not matgrade's own goes through ``escape(_:)``.
enum HTMLDocument {
    /// A whole page: `<!DOCTYPE html>`, the title, the shared style sheet, `body`.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="matgrade">
        <title>\(escape(title))</title>
        <style>
        \(styleSheet)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// Text safe as element content and in a quoted attribute (``MarkupText``).
    static func escape(_ text: String) -> String { MarkupText.escaped(text) }

    /// A table: header cells, then rows of cells that are already HTML (escape their text
    /// first). `numericColumns` are right-aligned.
    static func table(headers: [String], rows: [[String]], numericColumns: Set<Int> = [], caption: String? = nil) -> String {
        var out = "<table>\n"
        if let caption { out += "<caption>\(escape(caption))</caption>\n" }
        out += "<thead><tr>" + headers.enumerated().map { index, header in
            "<th\(numericColumns.contains(index) ? " class=\"num\"" : "")>\(escape(header))</th>"
        }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.enumerated().map { index, cell in
                "<td\(numericColumns.contains(index) ? " class=\"num\"" : "")>\(cell)</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Points to 4 significant digits (`85`, `41.67`).
    static func points(_ value: Double) -> String { NumberFormat.compact(value, significantDigits: 4) }

    /// Seconds to 3 significant digits in fixed notation, with the unit (`0.0112 s`, `2.26 s`, `171 s`).
    static func seconds(_ value: Double) -> String {
        value >= 100 ? "\(Int(value.rounded())) s" : String(format: "%.3g s", value)
    }

    /// Bytes as MiB with the unit (`38.2 MiB`).
    static func mebibytes(_ bytes: Int) -> String { NumberFormat.compact(Double(bytes) / 1_048_576, significantDigits: 3) + " MiB" }

    /// An instant as UTC text, `2026-05-27 09:14 UTC`.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// How a recorded run ended, in a few words (the limits themselves are not recorded).
    static func runStatus(_ termination: Termination) -> String {
        switch termination {
        case .exited(0): return "finished normally"
        case .exited(let code): return "stopped with exit code \(code) (an error)"
        case .signaled(let signal): return "killed by signal \(signal)"
        case .wallClockTimeout: return "stopped at the wall-clock limit (an infinite loop, or waiting for input?)"
        case .cpuTimeLimit: return "stopped at the CPU-time limit"
        case .memoryLimit: return "ran out of memory (the memory limit)"
        case .outputLimit: return "printed more than the output limit"
        case .fileSizeLimit: return "wrote a file larger than the file-size limit"
        case .failedToStart(let reason): return "could not be started: \(reason)"
        case .cancelled: return "cancelled by the grader (not the program's fault)"
        }
    }

    /// The style sheet every page shares: readable type, tables with zebra rows, a badge per
    /// status, `<pre>` blocks for program output that wrap and scroll.
    static let styleSheet = """
        body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 1100px; padding: 0 16px; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        h3 { font-size: 1.05em; margin-top: 1.2em; }
        .subtitle { color: #555; margin-top: 0; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.92em; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f4f6; }
        tbody tr:nth-child(even) { background: #fafafa; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.85em; font-weight: bold; color: #fff; }
        .passed { background: #2e7d32; } .failed { background: #c62828; } .manual { background: #9e6a00; }
        .unusable { background: #6d4c41; } .grader-error { background: #6a1b9a; } .missing { background: #757575; } .late { background: #ef6c00; }
        .score { font-size: 1.3em; font-weight: bold; }
        .summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
        .summary div { background: #f3f4f6; border-radius: 6px; padding: 8px 14px; }
        .summary b { display: block; font-size: 1.3em; }
        .plots { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
        .plots svg { border: 1px solid #e5e5e5; border-radius: 4px; background: #fff; }
        pre { background: #f6f8fa; border: 1px solid #e1e4e8; padding: 8px; white-space: pre-wrap; word-break: break-all; max-height: 320px; overflow: auto; font-size: 0.85em; }
        .hint { color: #1f4e79; }
        .explanation { color: #7a1f1f; }
        .muted { color: #777; }
        ul.checks { list-style: none; padding-left: 0; }
        ul.checks li { margin: 4px 0; }
        a { color: #1565c0; }
        """
}
