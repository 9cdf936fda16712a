import Foundation

/// Writes a figure's gnuplot script into a folder and runs gnuplot on it to produce the PNG and
/// the PDF.
///
/// ```swift
/// let rendered = try GnuplotRenderer().render(figure, named: "fig2_depth_scales",
///                                             in: URL(fileURLWithPath: "figures"))
/// print(rendered.png.path, rendered.pdf.path)
/// ```
///
/// gnuplot runs with `-d` (ignoring `~/.gnuplot` and the system gnuplotrc, so a user's settings
/// cannot change the figure), in the output folder, with stdin closed. Anything it prints is a
/// warning: with ``WarningPolicy/fail`` (the default) rendering throws, with
/// ``WarningPolicy/report`` the lines are returned in ``RenderedFigure/warnings``.
public struct GnuplotRenderer: Sendable {
    /// What to do when gnuplot succeeds but prints warnings.
    public enum WarningPolicy: Sendable, Hashable {
        /// Throw ``PlotError/gnuplotWarnings(_:script:)``.
        case fail
        /// Return them in ``RenderedFigure/warnings``.
        case report
    }

    /// Path of the gnuplot binary; nil searches `PATH`.
    public var executable: String?
    public var warningPolicy: WarningPolicy
    /// Date written into the PDF's `/CreationDate`, so two renders are byte-identical (cairo
    /// otherwise stamps the current time); nil keeps the time of rendering.
    public var pdfDate: Date?

    /// A renderer. `pdfDate` defaults to `SOURCE_DATE_EPOCH` from the environment when set,
    /// else 1970-01-01 00:00:00 UTC.
    public init(executable: String? = nil, warningPolicy: WarningPolicy = .fail,
                pdfDate: Date? = GnuplotRenderer.sourceDateEpoch) {
        self.executable = executable
        self.warningPolicy = warningPolicy
        self.pdfDate = pdfDate
    }

    /// `SOURCE_DATE_EPOCH` from the environment, or the Unix epoch.
    public static var sourceDateEpoch: Date {
        let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init)
        return Date(timeIntervalSince1970: value ?? 0)
    }

    /// The first executable `gnuplot` on `PATH`, if any.
    public static func gnuplotOnPath() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Writes `<name>.gp` into `directory` (creating it), then runs gnuplot there to write
    /// `<name>.png` and `<name>.pdf`. The script is written even when gnuplot is missing or
    /// fails, so it can be run by hand.
    @discardableResult
    public func render(_ figure: Figure, named name: String, in directory: URL) throws -> RenderedFigure {
        let script = try GnuplotScript(figure: figure, name: name)
        return try render(script, in: directory)
    }

    /// Writes an emitted script into `directory` and runs gnuplot on it.
    @discardableResult
    public func render(_ script: GnuplotScript, in directory: URL) throws -> RenderedFigure {
        let scriptURL = directory.appendingPathComponent(script.fileName)
        let png = directory.appendingPathComponent(script.pngFileName)
        let pdf = directory.appendingPathComponent(script.pdfFileName)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(script.text.utf8).write(to: scriptURL, options: .atomic)
            // Stale outputs from an earlier render must not pass for new ones.
            for url in [png, pdf] where FileManager.default.fileExists(atPath: url.path) {
                try FileManager.default.removeItem(at: url)
            }
        } catch {
            throw PlotError.cannotWrite(scriptURL, reason: "\(error)")
        }

        let binary: String
        if let executable {
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw PlotError.gnuplotNotFound(searched: "no executable at \(executable)", script: scriptURL)
            }
            binary = executable
        } else {
            guard let found = Self.gnuplotOnPath() else {
                throw PlotError.gnuplotNotFound(
                    searched: "not on PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "")",
                    script: scriptURL)
            }
            binary = found
        }

        let (status, stderr) = try run(binary, arguments: ["-d", script.fileName], in: directory, script: scriptURL)
        let messages = stderr.split(whereSeparator: \.isNewline).map(String.init).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        guard status == 0 else {
            throw PlotError.gnuplotFailed(status: status, stderr: stderr, script: scriptURL)
        }
        for url in [png, pdf] {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            if (size ?? 0) == 0 { throw PlotError.outputMissing(url, script: scriptURL) }
        }
        if !messages.isEmpty && warningPolicy == .fail {
            throw PlotError.gnuplotWarnings(messages, script: scriptURL)
        }
        if let pdfDate, let data = try? Data(contentsOf: pdf),
           let pinned = PDFCreationDate.pinned(data, to: pdfDate) {
            do { try pinned.write(to: pdf, options: .atomic) } catch {
                throw PlotError.cannotWrite(pdf, reason: "\(error)")
            }
        }
        return RenderedFigure(script: scriptURL, png: png, pdf: pdf, warnings: messages)
    }

    /// Runs gnuplot, returning its exit status and everything it printed (stdout and stderr;
    /// gnuplot prints warnings and `print` output on stderr).
    private func run(_ binary: String, arguments: [String], in directory: URL,
                     script: URL) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        // Newer cairo (≥ 1.18) honours this for the PDF date; 1.16 does not (see PDFCreationDate).
        if let pdfDate { environment["SOURCE_DATE_EPOCH"] = String(Int(pdfDate.timeIntervalSince1970)) }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PlotError.gnuplotNotFound(searched: "could not start \(binary): \(error)", script: script)
        }
        // Read to end before waiting: a full pipe would otherwise block gnuplot forever.
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// The files a render produced.
public struct RenderedFigure: Sendable, Hashable {
    /// The gnuplot script, `<name>.gp`.
    public var script: URL
    /// The bitmap, `<name>.png`.
    public var png: URL
    /// The vector figure, `<name>.pdf`.
    public var pdf: URL
    /// Lines gnuplot printed (empty unless the renderer's policy is ``GnuplotRenderer/WarningPolicy/report``).
    public var warnings: [String]
}
