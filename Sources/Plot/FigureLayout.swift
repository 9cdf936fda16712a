/// Where the title, the caption and each panel go, in gnuplot screen coordinates (0…1).
///
/// Panels are placed with `set origin`/`set size` rather than `set multiplot layout`, because a
/// layout fills the whole page and would put the caption on top of the lowest x axis. The
/// caption gets a strip under the panels sized from its (wrapped) line count.
struct FigureLayout {
    /// One caption line and its baseline-centre height in screen coordinates.
    struct Line {
        var text: String
        var y: Double
    }

    /// A panel's rectangle.
    struct Rectangle {
        var x: Double, y: Double, width: Double, height: Double
    }

    var captionLines: [Line]
    var captionFontSize: Double
    var captionX: Double
    var titleY: Double?
    var titleFontSize: Double
    var panels: [Rectangle]

    /// The most caption lines drawn in the image; a longer caption is cut there and points to
    /// the caption file, which holds it whole.
    static let maximumCaptionLines = 4

    /// The layout of `figure`, rendered as `name` (named in the note of a cut caption).
    init(figure: Figure, name: String = "") {
        let width = Double(figure.size.width)
        let height = Double(figure.size.height)
        captionFontSize = figure.fontSize
        titleFontSize = figure.fontSize + 2

        let margin = 0.8 * figure.fontSize
        let wrapped = figure.caption.string.isEmpty
            ? []
            : Self.shortened(Self.wrap(figure.caption.string, width: width - 2 * margin, fontSize: captionFontSize),
                             width: width - 2 * margin, fontSize: captionFontSize, name: name)
        let lineHeight = 1.3 * captionFontSize
        let captionHeight = wrapped.isEmpty ? 0 : Double(wrapped.count) * lineHeight + margin
        captionX = margin / width
        captionLines = wrapped.enumerated().map { index, text in
            let fromBottom = captionHeight - 0.5 * margin - (Double(index) + 0.5) * lineHeight
            return Line(text: text, y: fromBottom / height)
        }

        let titleHeight = figure.title == nil ? 0 : 2.2 * titleFontSize
        titleY = figure.title == nil ? nil : 1 - 0.5 * titleHeight / height

        let bottom = captionHeight / height
        let top = 1 - titleHeight / height
        let rows = max(figure.grid.rows, 1), columns = max(figure.grid.columns, 1)
        let cellWidth = 1 / Double(columns)
        let cellHeight = (top - bottom) / Double(rows)
        panels = figure.panels.indices.map { index in
            let row = index / columns, column = index % columns
            return Rectangle(x: Double(column) * cellWidth, y: top - Double(row + 1) * cellHeight,
                             width: cellWidth, height: cellHeight)
        }
    }

    /// The first ``maximumCaptionLines`` of a wrapped caption; when it is longer, the last line
    /// kept ends with a note naming the caption file.
    static func shortened(_ lines: [String], width: Double, fontSize: Double, name: String) -> [String] {
        guard lines.count > maximumCaptionLines else { return lines }
        let note = " … (full caption: \(name.isEmpty ? "the caption file" : name + Figure.captionFileSuffix))"
        let maxCharacters = max(Int(width / (0.7 * fontSize)), 10)
        var kept = Array(lines.prefix(maximumCaptionLines))
        var words = kept[kept.count - 1].split(separator: " ").map(String.init)
        while !words.isEmpty && words.joined(separator: " ").count + note.count > maxCharacters { words.removeLast() }
        kept[kept.count - 1] = words.joined(separator: " ") + note
        return kept
    }

    /// Greedy word wrap at an estimated text width. gnuplot cannot measure text; measured on
    /// pngcairo with DejaVu Sans, a caption line averages about 0.6 em per character, so 0.7 em
    /// errs on the side of wrapping.
    /// Explicit newlines are kept.
    static func wrap(_ text: String, width: Double, fontSize: Double) -> [String] {
        let maxCharacters = max(Int(width / (0.7 * fontSize)), 10)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= maxCharacters {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }
}
