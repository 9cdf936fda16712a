import Foundation
import Pipeline

/// `ro-crate-metadata.json` of an archive: a Workflow Run Crate (profile 0.5, on RO-Crate 1.1).
///
/// The pipeline sources are the main `ComputationalWorkflow`; one `CreateAction` stands for the
/// whole run (its instrument is the workflow, as the profile requires) and one per stage
/// execution, whose instrument is the stage type, whose object is its input files and its
/// parameters (as `PropertyValue`s) and whose result is its output files, with the start and end
/// times from the stage's manifest. Every file carries its SHA-256. Files left out (by option)
/// appear as local entities with their digest and the reason, never as files the zip lacks.
struct CrateMetadata {
    let content: ReportContent
    /// Files by archive path.
    let files: [ArchiveFile]
    /// The stage outputs' archive paths, by stage name.
    let outputs: [String: [String]]
    /// The manifest's archive path, by stage name.
    let manifests: [String: String]
    /// The main workflow's path and the other pipeline sources.
    let workflow: String
    let license: String

    static let workflowRunProfile = "https://w3id.org/ro/wfrun/workflow/0.5"
    static let processRunProfile = "https://w3id.org/ro/wfrun/process/0.5"
    static let workflowROCrateProfile = "https://w3id.org/workflowhub/workflow-ro-crate/1.0"
    /// Marks the crate as one this tool wrote (`verify` refuses others).
    static let toolID = "#criticality"

    func json() throws -> Data {
        var graph: [[String: Any]] = []
        let ran = content.stages.compactMap { s in s.manifest.map { (s, $0) } }
        let start = ran.map { $0.1.started }.min() ?? "1980-01-01T00:00:00Z"
        let end = ran.map { $0.1.ended }.max() ?? start
        let inArchive = files.filter { $0.leftOut == nil }
        let leftOut = files.filter { $0.leftOut != nil }

        graph.append([
            "@id": "ro-crate-metadata.json", "@type": "CreativeWork",
            "conformsTo": [["@id": "https://w3id.org/ro/crate/1.1"], ["@id": Self.workflowROCrateProfile]],
            "about": ["@id": "./"],
        ])
        var rootDescription = "Figures, data and provenance of the Criticality pipelines (profile \(content.profile)): "
            + "every stage's outputs with the manifest that made them."
        if !leftOut.isEmpty {
            rootDescription += " \(leftOut.count) file(s) were left out of this archive on request; they are listed with their SHA-256 as #left-out/… entities."
        }
        graph.append([
            "@id": "./", "@type": "Dataset",
            "name": "Criticality results (profile \(content.profile))",
            "description": rootDescription,
            "datePublished": Self.time(end),
            "license": ["@id": license],
            "conformsTo": [["@id": Self.processRunProfile], ["@id": Self.workflowRunProfile], ["@id": Self.workflowROCrateProfile]],
            "mainEntity": ["@id": workflow],
            "hasPart": inArchive.map { ["@id": $0.path] },
            "mentions": [["@id": "#run"]] + ran.map { ["@id": Self.actionID($0.0.stage)] },
        ])
        for (id, name) in [(Self.processRunProfile, "Process Run Crate"), (Self.workflowRunProfile, "Workflow Run Crate"),
                           (Self.workflowROCrateProfile, "Workflow RO-Crate")] {
            graph.append(["@id": id, "@type": "CreativeWork", "name": name, "version": String(id.split(separator: "/").last!)])
        }
        graph.append(["@id": Self.toolID, "@type": "SoftwareApplication", "name": "Criticality",
                      "version": RunEnvironment.toolVersion,
                      "description": "Reproduces the mean-field theory of deep networks from equation to figure; wrote this archive."])
        graph.append(["@id": "#swift", "@type": "ComputerLanguage", "name": "Swift",
                      "url": ["@id": "https://www.swift.org"], "identifier": ["@id": "https://www.swift.org"]])
        graph.append(["@id": license, "@type": "CreativeWork", "name": license])

        // The workflow's one input is the profile; its output is the report.
        graph.append(["@id": "#param-profile", "@type": "FormalParameter", "name": "profile", "additionalType": "Text",
                      "valueRequired": true, "workExample": ["@id": "#pv-profile"],
                      "description": "the size profile: quick, default or paper"])
        graph.append(["@id": "#pv-profile", "@type": "PropertyValue", "name": "profile", "value": content.profile.rawValue,
                      "exampleOfWork": ["@id": "#param-profile"]])
        let report = inArchive.first { $0.path == "report/index.html" }
        if let report {
            graph.append(["@id": "#param-report", "@type": "FormalParameter", "name": "report", "additionalType": "File",
                          "encodingFormat": "text/html", "workExample": ["@id": report.path],
                          "description": "the HTML report of every figure with its provenance"])
        }

        for file in files {
            var entity: [String: Any] = ["@id": file.crateID, "name": (file.path as NSString).lastPathComponent,
                                         "sha256": file.sha256, "contentSize": String(file.bytes), "encodingFormat": file.encodingFormat]
            if let reason = file.leftOut {
                entity["@type"] = "CreativeWork"
                entity["description"] = "\(file.path): left out of this archive (\(reason))"
            } else if file.path == workflow {
                entity["@type"] = ["File", "SoftwareSourceCode", "ComputationalWorkflow"]
                entity["name"] = "Criticality pipelines"
                entity["description"] = "The pipeline declarations (Pipelines/ in the source tree); Registry.swift lists them in the order `make figures` runs them."
                entity["programmingLanguage"] = ["@id": "#swift"]
                entity["input"] = ["@id": "#param-profile"]
                if report != nil { entity["output"] = ["@id": "#param-report"] }
                entity["version"] = RunEnvironment.toolVersion
                entity["hasPart"] = files.filter { $0.path.hasPrefix("workflow/") && $0.path != workflow }.map { ["@id": $0.path] }
            } else if file.path == report?.path {
                entity["@type"] = "File"
                entity["exampleOfWork"] = ["@id": "#param-report"]
            } else {
                entity["@type"] = "File"
            }
            graph.append(entity)
        }

        let figureFiles = inArchive.filter { $0.path.hasPrefix("results/") && ($0.path.hasSuffix(".png") || $0.path.hasSuffix(".pdf")) }
        var run: [String: Any] = ["@id": "#run", "@type": "CreateAction", "name": "criticality run --profile \(content.profile)",
                                  "instrument": ["@id": workflow], "agent": ["@id": Self.toolID],
                                  "object": ["@id": "#pv-profile"],
                                  "result": (report.map { [["@id": $0.path]] } ?? []) + figureFiles.map { ["@id": $0.path] },
                                  "startTime": Self.time(start), "endTime": Self.time(end)]
        run["description"] = "The run that produced this crate's results, from the earliest to the latest stage execution."
        graph.append(run)

        let fileByPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
        var kinds = Set<String>()
        for (stage, manifest) in ran {
            kinds.insert(stage.kind)
            var object: [[String: String]] = []
            for input in stage.inputs { object += (outputs[input] ?? []).map { ["@id": fileByPath[$0]?.crateID ?? $0] } }
            let parameters = manifest.material.parameters.flattened().sorted { $0.key < $1.key }
            for (index, (path, value)) in parameters.enumerated() {
                let id = "\(Self.actionID(stage.stage))/parameter/\(index)"
                graph.append(["@id": id, "@type": "PropertyValue", "name": path, "value": Self.text(value)])
                object.append(["@id": id])
            }
            var action: [String: Any] = [
                "@id": Self.actionID(stage.stage), "@type": "CreateAction", "name": stage.stage,
                "instrument": ["@id": Self.toolID(stage.kind)], "agent": ["@id": Self.toolID],
                "object": Self.one(object), "result": Self.one((outputs[stage.stage] ?? []).map { ["@id": fileByPath[$0]?.crateID ?? $0] }),
                "startTime": Self.time(manifest.started), "endTime": Self.time(manifest.ended), "identifier": manifest.key,
                "actionStatus": ["@id": "http://schema.org/CompletedActionStatus"],
            ]
            var description = "Stage \(stage.stage) (\(stage.kind)); key \(manifest.key); \(stage.state == .current ? "current" : "stale: " + stage.reasons.joined(separator: "; "))."
            if let m = manifests[stage.stage] { description += " Manifest: \(m)." }
            action["description"] = description
            graph.append(action)
        }
        for kind in kinds.sorted() {
            graph.append(["@id": Self.toolID(kind), "@type": "SoftwareApplication", "name": kind,
                          "description": "the stage type \(kind) of Criticality \(RunEnvironment.toolVersion); its code digests are in each manifest"])
        }

        let document: [String: Any] = ["@context": "https://w3id.org/ro/crate/1.1/context", "@graph": graph]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func actionID(_ stage: String) -> String { "#stage/" + stage }

    /// ISO 8601 with a numeric offset, the form the Process Run Crate profile checks for.
    static func time(_ stamp: String) -> String {
        stamp.hasSuffix("Z") ? String(stamp.dropLast()) + "+00:00" : stamp
    }

    /// A list, or its one element alone (RO-Crate 1.1 prefers single values to singleton arrays).
    static func one(_ values: [[String: String]]) -> Any { values.count == 1 ? values[0] : values }
    static func toolID(_ kind: String) -> String { "#stage-type/" + kind }

    /// A parameter value as the crate records it: strings bare, everything else as JSON.
    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.description
    }
}
