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
/// cannot change the figure), in the output folder, with stdin closed, in a process group of its
/// own with no blocked or ignored signals, and is killed after ``timeout`` seconds
/// (``GnuplotProcess``). Its PNG and PDF must start with their magic bytes. Anything it prints is a
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
    /// Seconds gnuplot may run before it is killed and the render fails (a figure takes well
    /// under a second; a hung gnuplot must not hang a run).
    public var timeout: Double

    /// A renderer. `pdfDate` defaults to `SOURCE_DATE_EPOCH` from the environment when set,
    /// else 1970-01-01 00:00:00 UTC; `timeout` to ``defaultTimeout``.
    public init(executable: String? = nil, warningPolicy: WarningPolicy = .fail,
                pdfDate: Date? = GnuplotRenderer.sourceDateEpoch, timeout: Double = GnuplotRenderer.defaultTimeout) {
        self.executable = executable
        self.warningPolicy = warningPolicy
        self.pdfDate = pdfDate
        self.timeout = timeout
    }

    /// `CRITICALITY_GNUPLOT_TIMEOUT` (seconds) from the environment when it is a positive number,
    /// else 300.
    public static var defaultTimeout: Double {
        let value = ProcessInfo.processInfo.environment["CRITICALITY_GNUPLOT_TIMEOUT"].flatMap(Double.init)
        return value.map { $0.isFinite && $0 > 0 ? $0 : 300 } ?? 300
    }

    /// Kills every gnuplot this process is running: for a hard stop (a second Ctrl-C, SIGTERM),
    /// as each runs in its own process group and would otherwise outlive us.
    public static func killRunning() { GnuplotProcess.killAll() }

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
            throw PlotError.writing(scriptURL, failedWith: error)
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
        // gnuplot exits 0 when cairo could not write (a full disk) and when a terminal wrote junk:
        // only a file that starts as a PNG or a PDF is accepted.
        for (url, magic) in [(png, Self.pngMagic), (pdf, Self.pdfMagic)] {
            let head = (try? FileHandle(forReadingFrom: url)).flatMap { handle in
                defer { try? handle.close() }
                return try? handle.read(upToCount: magic.count)
            } ?? Data()
            if head.isEmpty {
                if let free = DiskSpace.bytesFree(at: directory), free < DiskSpace.nearlyFull {
                    throw PlotError.diskFull(directory, bytesFree: free)
                }
                throw PlotError.outputMissing(url, script: scriptURL)
            }
            guard head.elementsEqual(magic) else { throw PlotError.outputNotAFigure(url, script: scriptURL) }
        }
        if !messages.isEmpty && warningPolicy == .fail {
            throw PlotError.gnuplotWarnings(messages, script: scriptURL)
        }
        if let pdfDate, let data = try? Data(contentsOf: pdf),
           let pinned = PDFCreationDate.pinned(data, to: pdfDate) {
            do { try pinned.write(to: pdf, options: .atomic) } catch {
                throw PlotError.writing(pdf, failedWith: error)
            }
        }
        return RenderedFigure(script: scriptURL, png: png, pdf: pdf, warnings: messages)
    }

    static let pngMagic = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    static let pdfMagic = Data("%PDF-".utf8)

    /// Runs gnuplot, returning its exit status and everything it printed (stdout and stderr;
    /// gnuplot prints warnings and `print` output on stderr).
    private func run(_ binary: String, arguments: [String], in directory: URL,
                     script: URL) throws -> (Int32, String) {
        var environment = ProcessInfo.processInfo.environment
        // Newer cairo (≥ 1.18) honours this for the PDF date; 1.16 does not (see PDFCreationDate).
        if let pdfDate { environment["SOURCE_DATE_EPOCH"] = String(Int(pdfDate.timeIntervalSince1970)) }
        let outcome: GnuplotProcess.Outcome
        do {
            outcome = try GnuplotProcess.run(binary, arguments: arguments, in: directory, environment: environment, timeout: timeout)
        } catch let error as GnuplotProcess.SpawnError {
            throw PlotError.gnuplotNotFound(searched: error.reason, script: script)
        }
        if outcome.timedOut { throw PlotError.gnuplotTimedOut(seconds: timeout, script: script) }
        return (outcome.status, outcome.output)
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
