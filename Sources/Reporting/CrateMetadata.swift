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
///
/// Who made it comes from the project's `CITATION.cff`: its authors are the crate's author, its
/// first organisation the publisher, and they are the agent of every action. When the citation
/// gives the code's address (`repository-code`, else `url`), Criticality, its stage types and the
/// workflow get absolute ids and urls under it; without one they keep local ids, which the
/// process-run-crate profile recommends against (`relativeIDChecks` names those checks). External
/// tools (HDF5, OpenBLAS, FFTW, gnuplot, Swift) are named by their public addresses with the
/// versions the manifests measured.
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
    /// The project's citation: authors, version, and where its code lives.
    let citation: ProjectCitation
    /// The commit of the checkout the workflow files were read from, when it is a clean git checkout.
    let commit: String?

    static let workflowRunProfile = "https://w3id.org/ro/wfrun/workflow/0.5"
    static let processRunProfile = "https://w3id.org/ro/wfrun/process/0.5"
    static let workflowROCrateProfile = "https://w3id.org/workflowhub/workflow-ro-crate/1.0"
    static let bioschemasWorkflowProfile = "https://bioschemas.org/profiles/ComputationalWorkflow/1.0-RELEASE"
    /// Criticality's id when the citation gives no repository (older archives always used it).
    static let toolID = "#criticality"
    /// The name of the application entity that marks a crate as one this tool wrote (`verify` refuses others).
    static let toolName = "Criticality"

    /// The rocrate-validator checks (workflow-run-crate 0.5, RECOMMENDED) that a crate without a
    /// repository address fails: local ids are not absolute URIs, and there is no url to give.
    static let relativeIDChecks = ["SoftwareApplication id", "Application url", "Organization: RECOMMENDED url property"]

    /// Whether a crate's graph was written by criticality: it holds our application entity.
    static func isOurs(_ graph: [[String: Any]]) -> Bool {
        graph.contains { entity in
            entity["@id"] as? String == toolID
                || (types(of: entity).contains("SoftwareApplication") && entity["name"] as? String == toolName)
        }
    }

    static func types(of entity: [String: Any]) -> [String] {
        (entity["@type"] as? [String]) ?? [(entity["@type"] as? String) ?? ""]
    }

    /// Where the project's code lives, without a trailing slash (nil: local ids are used).
    var repository: String? { citation.repository }
    /// Criticality's own id: its repository, or the local id.
    var applicationID: String { repository ?? Self.toolID }
    func stageTypeID(_ kind: String) -> String { (repository ?? "") + "#stage-type/" + kind }

    func json() throws -> Data {
        var graph: [[String: Any]] = []
        let ran = content.stages.compactMap { s in s.manifest.map { (s, $0) } }
        let start = ran.map { $0.1.started }.min() ?? "1980-01-01T00:00:00Z"
        let end = ran.map { $0.1.ended }.max() ?? start
        let inArchive = files.filter { $0.leftOut == nil }
        let leftOut = files.filter { $0.leftOut != nil }
        let people = Self.people(citation)
        let agent = Self.one(people.authors.map { ["@id": $0] })

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
            "author": Self.one(people.authors.map { ["@id": $0] }),
        ].merging(people.publisher.map { ["publisher": ["@id": $0]] } ?? [:]) { a, _ in a })
        graph += people.entities
        for (id, name) in [(Self.processRunProfile, "Process Run Crate"), (Self.workflowRunProfile, "Workflow Run Crate"),
                           (Self.workflowROCrateProfile, "Workflow RO-Crate")] {
            graph.append(["@id": id, "@type": "CreativeWork", "name": name, "version": String(id.split(separator: "/").last!)])
        }
        let tools = ExternalTool.measured(ran.map { ($0.1.environment.libraries, $0.1.environment.swift) })
        var application: [String: Any] = [
            "@id": applicationID, "@type": "SoftwareApplication", "name": Self.toolName,
            "version": RunEnvironment.toolVersion,
            "description": "Reproduces the mean-field theory of deep networks from equation to figure; wrote this archive.",
        ]
        if let repository { application["url"] = repository }
        if let spdx = citation.license { application["license"] = "https://spdx.org/licenses/\(spdx)" }
        if !tools.isEmpty { application["softwareRequirements"] = Self.one(tools.map { ["@id": $0.tool.url] }) }
        graph.append(application)
        for (tool, versions) in tools {
            var entity: [String: Any] = ["@id": tool.url, "@type": "SoftwareApplication", "name": tool.name, "url": tool.url,
                                         "softwareVersion": versions.joined(separator: "; ")]
            entity["description"] = tool.description + (versions.count > 1 ? " (the stages' manifests record \(versions.count) versions)" : "")
            graph.append(entity)
        }
        graph.append(["@id": "#swift", "@type": "ComputerLanguage", "name": "Swift",
                      "url": ["@id": "https://www.swift.org"], "identifier": ["@id": "https://www.swift.org"]])
        graph.append(["@id": Self.bioschemasWorkflowProfile, "@type": "CreativeWork", "name": "Bioschemas ComputationalWorkflow profile",
                      "version": "1.0-RELEASE"])
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
                entity["conformsTo"] = ["@id": Self.bioschemasWorkflowProfile]
                entity["hasPart"] = Self.one(files.filter { $0.path.hasPrefix("workflow/") && $0.path != workflow }.map { ["@id": $0.path] })
                if let repository {
                    entity["codeRepository"] = repository
                    // The file as committed, when the archived copy is that commit's (a clean checkout).
                    entity["url"] = commit.map { "\(repository)/blob/\($0)/\(file.path.dropFirst("workflow/".count))" } ?? repository
                }
            } else {
                entity["@type"] = "File"
                if file.path == report?.path { entity["exampleOfWork"] = ["@id": "#param-report"] }
                if let described = DescribedFile.entry(for: file.path) {
                    entity["name"] = described.name
                    entity["description"] = described.description
                    if described.aboutCrate { entity["about"] = ["@id": "./"] }
                }
            }
            graph.append(entity)
        }

        let figureFiles = inArchive.filter { $0.path.hasPrefix("results/") && ($0.path.hasSuffix(".png") || $0.path.hasSuffix(".pdf")) }
        var run: [String: Any] = ["@id": "#run", "@type": "CreateAction", "name": "criticality run --profile \(content.profile)",
                                  "instrument": ["@id": workflow], "agent": agent,
                                  "object": ["@id": "#pv-profile"],
                                  "result": Self.one((report.map { [["@id": $0.path]] } ?? []) + figureFiles.map { ["@id": $0.path] }),
                                  "startTime": Self.time(start), "endTime": Self.time(end),
                                  "actionStatus": Self.completed]
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
                "instrument": ["@id": stageTypeID(stage.kind)], "agent": agent,
                "object": Self.one(object), "result": Self.one((outputs[stage.stage] ?? []).map { ["@id": fileByPath[$0]?.crateID ?? $0] }),
                "startTime": Self.time(manifest.started), "endTime": Self.time(manifest.ended), "identifier": manifest.key,
                // A plain string: the profile's SHACL compares it as a literal, as its examples write it.
                "actionStatus": Self.completed,
            ]
            var description = "Stage \(stage.stage) (\(stage.kind)); key \(manifest.key); \(stage.state == .current ? "current" : "stale: " + stage.reasons.joined(separator: "; "))."
            if let m = manifests[stage.stage] { description += " Manifest: \(m)." }
            action["description"] = description
            graph.append(action)
        }
        for kind in kinds.sorted() {
            var type: [String: Any] = ["@id": stageTypeID(kind), "@type": "SoftwareApplication", "name": kind,
                                       "version": RunEnvironment.toolVersion,
                                       "description": "the stage type \(kind) of Criticality \(RunEnvironment.toolVersion); its code digests are in each manifest"]
            if let repository { type["url"] = repository }
            graph.append(type)
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
    static let completed = "http://schema.org/CompletedActionStatus"

    /// The citation's authors as `Person` and `Organization` entities, with the ids of the authors
    /// and of the publisher (the first organisation among them, else the first author's
    /// affiliation). A person's ORCID is their id; everyone else gets a local one.
    static func people(_ citation: ProjectCitation) -> (authors: [String], publisher: String?, entities: [[String: Any]]) {
        var ids: [String] = [], organizations: [String] = [], entities: [[String: Any]] = []
        var taken = Set<String>(), affiliations: [String: String] = [:]
        func localID(_ prefix: String, _ name: String) -> String {
            let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
                .split(separator: "-").joined(separator: "-")
            var id = "#\(prefix)/\(slug.isEmpty ? "unnamed" : slug)", n = 2
            while taken.contains(id) { id = "#\(prefix)/\(slug)-\(n)"; n += 1 }
            taken.insert(id)
            return id
        }
        for author in citation.authors {
            switch author.kind {
            case .organization:
                let id = localID("organization", author.name)
                var entity: [String: Any] = ["@id": id, "@type": "Organization", "name": author.name]
                // A team without a web site of its own is found where its code is.
                if let url = author.website ?? citation.repository { entity["url"] = url }
                if let orcid = author.orcid { entity["identifier"] = orcid }
                entities.append(entity)
                ids.append(id)
                organizations.append(id)
            case .person:
                let id = author.orcid.flatMap { $0.hasPrefix("http") ? $0 : "https://orcid.org/" + $0 } ?? localID("person", author.name)
                var entity: [String: Any] = ["@id": id, "@type": "Person", "name": author.name]
                if let given = author.givenNames { entity["givenName"] = given }
                if let family = author.familyNames, !family.isEmpty { entity["familyName"] = family }
                if let affiliation = author.affiliation {
                    let organization = affiliations[affiliation] ?? localID("organization", affiliation)
                    if affiliations[affiliation] == nil {
                        affiliations[affiliation] = organization
                        entities.append(["@id": organization, "@type": "Organization", "name": affiliation])
                    }
                    entity["affiliation"] = ["@id": organization]
                }
                entities.append(entity)
                ids.append(id)
            }
        }
        let publisher = organizations.first ?? entities.first { $0["@type"] as? String == "Organization" }?["@id"] as? String
        return (ids, publisher, entities)
    }

    /// A parameter value as the crate records it: strings bare, everything else as JSON.
    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.description
    }
}
