import Claims
import Foundation
import Pipeline
import Artifacts

/// `criticality report`: `Results/report/index.html`, self-contained in its folder. Every figure
/// of the pipelines, grouped by paper, with its caption, its state (a stale or never-run figure
/// is shown as such, never left out), links to its PNG, PDF, gnuplot script and HDF5 data, and
/// its provenance: the chain of stages that made it with their parameters, short keys, code
/// digests, timings, git commit and library versions. A table of key numbers links each value
/// to the HDF5 dataset it comes from.
///
/// The page depends only on the store's contents (no clock, no absolute paths), so the same
/// results give the same bytes, which archives rely on.
public struct HTMLReport {
    public let content: ReportContent
    /// Where the page finds stage files, relative to itself: `files/` (copied beside the page) by
    /// default; an archive points at its own `../results/` copy instead of holding two.
    public var filesPrefix = "files/"
    /// Whether to copy the files under `filesPrefix` (only for the default layout).
    public var copyFiles = true
    /// Whether to write ``ReplaceableTarget/reportMarker``, by which a later report knows it may
    /// replace the folder (an archive's copy of the page needs none).
    public var writesMarker = true

    public init(content: ReportContent) { self.content = content }

    /// What was written.
    public struct Written: Sendable {
        public var index: URL
        public var figures: Int
        public var current: Int
        public var stale: Int
        public var missing: Int
        public var keyNumbers: Int
    }

    /// Writes the report into `folder` (replaced whole, by rename, when complete). Refuses, before
    /// any work, a `folder` that is not absent, empty or a report this type wrote.
    @discardableResult
    public func write(to folder: URL) throws -> Written {
        try ReplaceableTarget.checkReport(folder)
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        Leftovers.sweep(parent) { $0.hasPrefix(".report-staging-") || $0.hasPrefix(".report-old-") }
        let staging = parent.appendingPathComponent(".report-staging-\(UUID().uuidString)")
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        let claim = Leftovers.Claim(staging)
        defer { try? manager.removeItem(at: staging); withExtendedLifetime(claim) {} }

        // Copy the files of every stage a figure depends on, so links work from the folder alone.
        var copied = Set<String>()
        for figure in content.figures where copyFiles {
            for s in content.chain(of: figure) where copied.insert(s.stage).inserted {
                guard let source = content.outputsFolder(s), let manifest = s.manifest else { continue }
                for file in manifest.outputs.keys.sorted() {
                    let target = staging.appendingPathComponent(filesPrefix).appendingPathComponent(s.resultsFolder).appendingPathComponent(file)
                    try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    let data = try Data(contentsOf: source.appendingPathComponent(file))
                    try StoreFileCheck.require(SHA256Digest.of(data), file: file, of: s, manifest: manifest, profile: content.profile)
                    try data.write(to: target)
                }
            }
        }
        // The scorecard links each claim to the data it was read from, drawn in a figure or not.
        for result in content.scorecard?.results ?? [] where copyFiles {
            guard let s = content.stage(result.stage), s.state == .current, copied.insert(s.stage).inserted,
                  let source = content.outputsFolder(s), let manifest = s.manifest else { continue }
            for file in manifest.outputs.keys.sorted() {
                let target = staging.appendingPathComponent(filesPrefix).appendingPathComponent(s.resultsFolder).appendingPathComponent(file)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                let data = try Data(contentsOf: source.appendingPathComponent(file))
                try StoreFileCheck.require(SHA256Digest.of(data), file: file, of: s, manifest: manifest, profile: content.profile)
                try data.write(to: target)
            }
        }
        // Grid cells are left out: each training cell's accuracy is one value, and hundreds of
        // them would bury the results the gathers summarise (n, critical points).
        let numbered = content.stages.filter { $0.state == .current && $0.group == nil }
        // The page quotes values and captions read from the store: those files must be intact too.
        for s in numbered + content.figures where !copied.contains(s.stage) {
            guard let source = content.outputsFolder(s), let manifest = s.manifest else { continue }
            for file in manifest.outputs.keys.sorted() {
                let digest = try SHA256Digest.ofFile(at: source.appendingPathComponent(file))
                try StoreFileCheck.require(digest, file: file, of: s, manifest: manifest, profile: content.profile)
            }
        }
        let keyNumbers = numbered.flatMap { s in
            content.outputsFolder(s).map { KeyNumber.scan(stage: s.stage, outputs: $0) } ?? []
        }
        let html = page(keyNumbers: keyNumbers)
        try Data(html.utf8).write(to: staging.appendingPathComponent("index.html"))
        if let scorecard = content.scorecard {
            try scorecard.json().write(to: staging.appendingPathComponent(Scorecard.fileName))
        }
        if writesMarker {
            try Data("Written by `criticality report`; the next report replaces this folder whole.\n".utf8)
                .write(to: staging.appendingPathComponent(ReplaceableTarget.reportMarker))
        }
        // The old report is moved aside, not deleted, until the new one is in place; checked again
        // first, as the folder may have changed while the page was written.
        try ReplaceableTarget.checkReport(folder)
        let old = parent.appendingPathComponent(".report-old-\(UUID().uuidString)")
        let replacing = ReplaceableTarget.fileType(folder) != nil
        if replacing { try manager.moveItem(at: folder, to: old) }
        do {
            try manager.moveItem(at: staging, to: folder)
        } catch {
            if replacing { try? manager.moveItem(at: old, to: folder) }
            throw error
        }
        if replacing { try? manager.removeItem(at: old) }
        let figures = content.figures
        return Written(index: folder.appendingPathComponent("index.html"), figures: figures.count,
                       current: figures.filter { $0.state == .current }.count,
                       stale: figures.filter { $0.state == .stale }.count,
                       missing: figures.filter { $0.state == .missing }.count, keyNumbers: keyNumbers.count)
    }

    // MARK: - The page

    private func page(keyNumbers: [KeyNumber]) -> String {
        let figures = content.figures
        var html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Criticality — results report (profile \(content.profile))</title>
        <style>
        body { font-family: sans-serif; max-width: 1150px; margin: 2em auto; padding: 0 1em; color: #222; }
        h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
        section.figure { margin: 1.5em 0 2.5em; }
        img { max-width: 100%; border: 1px solid #ddd; }
        .state { display: inline-block; padding: 0 .5em; border-radius: 3px; font-size: .85em; font-weight: bold; }
        .current { background: #d8f0d8; color: #185c18; }
        .stale { background: #fbe8c8; color: #7a4a00; }
        .missing { background: #f6d0d0; color: #8a1010; }
        .caption { font-size: .95em; }
        table { border-collapse: collapse; font-size: .85em; margin: .5em 0; }
        th, td { border: 1px solid #ddd; padding: .2em .5em; text-align: left; vertical-align: top; }
        code { font-size: .9em; word-break: break-all; }
        .note { background: #f6d0d0; padding: .5em 1em; }
        .verdict { white-space: nowrap; font-weight: bold; }
        .reproduced { background: #d8f0d8; color: #185c18; }
        .corrected { background: #d8e4f8; color: #123f7a; }
        .not-reproduced { background: #f6d0d0; color: #8a1010; }
        .not-testable { background: #eee; color: #555; }
        td.number { text-align: right; white-space: nowrap; }
        </style>
        </head>
        <body>
        <h1>Criticality — results report</h1>
        <p>Profile <b>\(content.profile)</b>. \(figures.count) figures: \(figures.filter { $0.state == .current }.count) current, \
        \(figures.filter { $0.state == .stale }.count) stale, \(figures.filter { $0.state == .missing }.count) not computed. \
        Each figure lists the stages that made it; keys are the first 12 hex digits of their SHA-256.</p>

        """
        if let scorecard = content.scorecard { html += scorecardSection(scorecard) }
        html += keyNumberTable(keyNumbers)
        let papers = Dictionary(grouping: content.pipelines, by: { PaperCatalog.paper(ofPipeline: $0.name) })
        for paper in papers.keys.sorted() {
            html += "<h2>\(HTML.escape(PaperCatalog.heading(paper)))</h2>\n"
            for pipeline in papers[paper]! {
                for figure in figures where figure.pipeline == pipeline.name {
                    html += section(figure, summary: pipeline.summary)
                }
            }
        }
        html += """
        <script>
        // Marks the page once every image has loaded or failed, so a headless browser can check it.
        window.addEventListener("load", function () {
          var images = Array.prototype.slice.call(document.images);
          var broken = images.filter(function (i) { return !i.complete || i.naturalWidth === 0; });
          document.body.setAttribute("data-images", String(images.length));
          document.body.setAttribute("data-broken-images", String(broken.length));
        });
        </script>
        </body>
        </html>

        """
        return html
    }

    /// The scorecard: counts per verdict, then one row per claim, linked to its figure and data.
    private func scorecardSection(_ scorecard: Scorecard) -> String {
        var html = "<h2 id=\"scorecard\">Reproduction scorecard</h2>\n<p>\(scorecard.results.count) claims of the papers: "
        html += scorecard.counts.map { "<span class=\"verdict \(verdictClass($0.verdict))\">\($0.count) \($0.verdict.rawValue)</span>" }.joined(separator: ", ")
        html += ". Catalogue: <code>Pipelines/Claims.swift</code>; the same as JSON: <a href=\"\(Scorecard.fileName)\">\(Scorecard.fileName)</a> "
        html += "(<code>criticality claims --json --profile \(content.profile)</code>). Nothing is computed for it: a claim whose stage is stale or not computed is not testable.</p>\n"
        html += "<table>\n<tr><th>verdict</th><th>claim</th><th>paper</th><th>paper's value</th><th>ours</th><th>why</th><th>evidence</th></tr>\n"
        for r in scorecard.results {
            let ours = r.ours.flatMap { $0.isNaN ? nil : $0 }.map { RoundedNumber.text($0, uncertainty: r.uncertainty) } ?? "—"
            let paperValue = r.paperWording ?? r.paperValue.map(RoundedNumber.plain) ?? "—"
            html += "<tr id=\"claim-\(HTML.escape(r.id))\"><td class=\"verdict \(verdictClass(r.verdict))\">\(r.verdict.rawValue)</td>"
            html += "<td><b>\(HTML.escape(r.id))</b><br>\(HTML.escape(r.statement))</td><td>\(HTML.escape(r.paper)), \(HTML.escape(r.location))</td>"
            html += "<td>\(HTML.escape(paperValue))</td><td class=\"number\">\(HTML.escape(ours))</td><td>\(HTML.escape(r.reason))</td><td>"
            let stage = content.stage(r.stage)
            let pipeline = stage?.pipeline ?? String(r.stage.split(separator: "/").first ?? "")
            // The figure's image (a file, like every other link of the page, so the folder checks alone).
            if let figure = content.figures.first(where: { $0.pipeline == pipeline && $0.state == .current }),
               let png = figure.manifest?.outputs.keys.sorted().first(where: { $0.hasSuffix(".png") }) {
                html += "<a href=\"\(HTML.href("\(filesPrefix)\(figure.resultsFolder)/\(png)"))\">figure</a> · "
            }
            if let stage, stage.state == .current, stage.manifest?.outputs[LabelledData.fileName] != nil {
                let link = "\(filesPrefix)\(stage.resultsFolder)/\(LabelledData.fileName)"
                html += "<a href=\"\(HTML.href(link))\">\(HTML.escape(stage.resultsFolder + "/" + LabelledData.fileName))</a> "
            }
            html += "<code>\(HTML.escape(r.evidence))</code></td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func verdictClass(_ verdict: Verdict) -> String { verdict.rawValue.replacingOccurrences(of: " ", with: "-") }

    /// One-value results grouped by figure: values rounded to their uncertainty where the stage
    /// records one, units as the papers write them, and a fit that did not happen as one cell
    /// saying why rather than rows of nan.
    private func keyNumberTable(_ numbers: [KeyNumber]) -> String {
        guard !numbers.isEmpty else { return "<h2>Key numbers</h2>\n<p>No one-value results among the current stages.</p>\n" }
        var html = "<h2>Key numbers</h2>\n"
        let groups = Dictionary(grouping: numbers, by: { KeyNumber.figureGroup(ofStage: $0.stage) })
        let order = content.pipelines.map(\.name)
        for group in groups.keys.sorted(by: { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }) {
            let label = PaperCatalog.figureLabel(ofPipeline: group).map { "\($0) — " } ?? ""
            html += "<h3>\(HTML.escape(label + group))</h3>\n<table>\n<tr><th>value</th><th>units</th><th>meaning</th><th>stage</th><th>HDF5 dataset</th></tr>\n"
            for n in groups[group]! {
                let folder = content.stage(n.stage)?.resultsFolder ?? n.stage
                let link = "\(filesPrefix)\(folder)/\(n.file)"
                html += "<tr><td class=\"number\">\(HTML.escape(n.displayValue))</td><td>\(HTML.escape(n.displayUnits))</td><td>\(HTML.escape(n.meaning))</td>"
                html += "<td>\(HTML.escape(n.stage))</td><td><a href=\"\(HTML.href(link))\">\(HTML.escape(folder + "/" + n.file))</a> <code>\(HTML.escape(n.dataset))</code></td></tr>\n"
            }
            html += "</table>\n"
        }
        return html
    }

    private func section(_ figure: StageProvenance, summary: String) -> String {
        let label = PaperCatalog.figureLabel(ofPipeline: figure.pipeline).map { "\($0) — " } ?? ""
        var html = "<section class=\"figure\" id=\"\(HTML.escape(figure.stage))\">\n"
        html += "<h3>\(HTML.escape(label + summary)) <span class=\"state \(figure.state.rawValue)\">\(stateText(figure.state))</span></h3>\n"
        html += "<p><code>\(HTML.escape(figure.stage))</code></p>\n"
        if figure.state != .current {
            html += "<p class=\"note\">\(figure.state == .stale ? "Stale: this is the last computed version; the declaration changed since" : "Not computed with this profile")"
            // The root causes sit upstream ("parameter layers changed …"), not in "input … is out of date".
            let causes = content.chain(of: figure).filter { $0.state != .current }.map { s in
                "\(s.stage): " + s.reasons.filter { !$0.hasPrefix("input ") || s.stage == figure.stage && s.reasons.count == 1 }.joined(separator: "; ")
            }.filter { !$0.hasSuffix(": ") }
            html += " (\(HTML.escape(causes.joined(separator: "; ")))). Run <code>criticality run \(HTML.escape(figure.pipeline)) --profile \(content.profile)</code> to bring it up to date.</p>\n"
        }
        if let manifest = figure.manifest {
            let files = manifest.outputs.keys.sorted()
            let base = "\(filesPrefix)\(figure.resultsFolder)/"
            if let png = files.first(where: { $0.hasSuffix(".png") }) {
                let stem = String(png.dropLast(4))
                let caption = content.outputsFolder(figure).flatMap {
                    try? String(contentsOf: $0.appendingPathComponent(stem + FigureArtifact.captionSuffix), encoding: .utf8)
                }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                html += "<img src=\"\(HTML.href(base + png))\" alt=\"\(HTML.escape(caption.isEmpty ? figure.stage : caption))\">\n"
                if !caption.isEmpty { html += "<p class=\"caption\">\(HTML.escape(caption))</p>\n" }
            }
            var links = files.filter { !$0.hasSuffix(FigureArtifact.captionSuffix) }.map { "<a href=\"\(HTML.href(base + $0))\">\(HTML.escape($0))</a>" }
            for s in content.chain(of: figure) where s.stage != figure.stage {
                for file in (s.manifest?.outputs.keys.sorted() ?? []) where file.hasSuffix(".h5") {
                    links.append("<a href=\"\(HTML.href("\(filesPrefix)\(s.resultsFolder)/\(file)"))\">\(HTML.escape(s.resultsFolder + "/" + file))</a>")
                }
            }
            html += "<p>Files: \(links.joined(separator: " · "))</p>\n"
        }
        html += provenance(figure)
        return html + "</section>\n"
    }

    private func stateText(_ state: StageProvenance.State) -> String {
        switch state {
        case .current: return "current"
        case .stale: return "stale"
        case .missing: return "not computed"
        }
    }

    private func provenance(_ figure: StageProvenance) -> String {
        let chain = content.chain(of: figure)
        var html = "<details><summary>Provenance: \(chain.count) stage\(chain.count == 1 ? "" : "s")</summary>\n<table>\n"
        html += "<tr><th>stage</th><th>type</th><th>state</th><th>key</th><th>parameters</th><th>code digests</th><th>ran</th><th>wall time</th></tr>\n"
        for s in chain {
            let m = s.manifest
            let parameters = m.map { $0.material.parameters.description } ?? "—"
            let code = m?.material.code.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.prefix(12))" }.joined(separator: "<br>") ?? "—"
            html += "<tr><td>\(HTML.escape(s.stage))</td><td>\(HTML.escape(s.kind))</td><td>\(stateText(s.state))</td>"
            html += "<td><code>\(m.map { String($0.key.prefix(12)) } ?? "—")</code></td><td><code>\(HTML.escape(parameters))</code></td>"
            html += "<td><code>\(code)</code></td><td>\(HTML.escape(m?.started ?? "—"))</td><td>\(m.map { String(format: "%.3f s", $0.seconds) } ?? "—")</td></tr>\n"
        }
        html += "</table>\n"
        if let env = figure.manifest?.environment {
            let commit = env.gitCommit.map { "\($0.prefix(12))\(env.gitDirty == true ? " (working tree had uncommitted changes)" : "")" } ?? "unknown"
            let libraries = env.libraries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            html += "<p>Git commit \(HTML.escape(commit)); \(HTML.escape(env.tool)); Swift \(HTML.escape(env.swift)); \(HTML.escape(libraries)); host \(HTML.escape(env.host)).</p>\n"
        }
        return html + "</details>\n"
    }
}
