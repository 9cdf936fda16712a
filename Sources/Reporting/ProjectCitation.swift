import Foundation
import Yams

/// The project's `CITATION.cff` (Citation File Format 1.2.0), read for the few keys an archive
/// uses: who made the project (the crate's author, publisher and the agent of each run), its
/// version, and where its code lives (which gives the crate's software entities absolute ids).
///
/// Parsed with Yams (libyaml), so any YAML a CFF validator accepts is read the same way; the keys
/// are then checked here, each problem named with its fix.
public struct ProjectCitation: Sendable, Equatable {
    /// The file's name at the root of a checkout.
    public static let fileName = "CITATION.cff"

    /// One author: a person (given and family names) or an entity (a team, an institution).
    public struct Author: Sendable, Equatable {
        /// A person or an organisation, as CFF tells them apart (`name` is an entity's key).
        public enum Kind: Sendable, Equatable { case person, organization }

        public var kind: Kind
        /// The full name: an entity's `name`, or a person's given names, particle and family names.
        public var name: String
        public var givenNames: String?
        public var familyNames: String?
        /// A person's affiliation, as CFF writes it (free text).
        public var affiliation: String?
        /// An ORCID URL (`https://orcid.org/…`), when given.
        public var orcid: String?
        /// An entity's web site, when given.
        public var website: String?

        public init(kind: Kind, name: String, givenNames: String? = nil, familyNames: String? = nil,
                    affiliation: String? = nil, orcid: String? = nil, website: String? = nil) {
            self.kind = kind
            self.name = name
            self.givenNames = givenNames
            self.familyNames = familyNames
            self.affiliation = affiliation
            self.orcid = orcid
            self.website = website
        }
    }

    /// The file this was read from (for messages).
    public var file: URL
    public var title: String
    public var version: String?
    public var authors: [Author]
    /// `repository-code`: the address of the source code, when the project has a public one.
    public var repositoryCode: String?
    /// `url`: the project's home page, when it has one.
    public var url: String?
    /// `license`: the software's SPDX licence identifier, when the project declares one.
    public var license: String?

    public init(file: URL, title: String, version: String? = nil, authors: [Author],
                repositoryCode: String? = nil, url: String? = nil, license: String? = nil) {
        self.file = file
        self.title = title
        self.version = version
        self.authors = authors
        self.repositoryCode = repositoryCode
        self.url = url
        self.license = license
    }

    /// Where the project's code lives, without a trailing slash or `.git`: `repository-code`,
    /// else `url`; nil when the file gives neither.
    public var repository: String? {
        guard var address = repositoryCode ?? url else { return nil }
        while address.hasSuffix("/") { address.removeLast() }
        if address.hasSuffix(".git") { address.removeLast(4) }
        return address
    }

    /// Reads `CITATION.cff` (or `name`) in `folder`, a checkout's root.
    public static func read(in folder: URL, named name: String = fileName) throws -> ProjectCitation {
        let file = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else { throw CitationError.missing(path: file.path) }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw CitationError.unreadable(path: file.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CitationError.unreadable(path: file.path, reason: "it is not UTF-8 text")
        }
        return try parse(text, file: file)
    }

    /// Parses the text of a CFF file; `file` only names it in errors.
    public static func parse(_ yaml: String, file: URL) throws -> ProjectCitation {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw CitationError.invalid(path: file.path, problem: "it is empty", fix: "write `cff-version: 1.2.0`, `title:` and `authors:` in it") }
            root = node
        } catch let error as CitationError {
            throw error
        } catch {
            let firstLine = String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            throw CitationError.invalid(path: file.path, problem: "it is not valid YAML (\(firstLine))", fix: "correct the YAML; `cffconvert --validate` points at the line")
        }
        guard root.mapping != nil else {
            throw CitationError.invalid(path: file.path, problem: "it is not a YAML mapping of CFF keys", fix: "write `cff-version: 1.2.0`, `title:` and `authors:` at the top level")
        }
        func text(_ node: Node?, _ key: String) throws -> String? {
            guard let node else { return nil }
            guard let scalar = node.scalar?.string else {
                throw CitationError.invalid(path: file.path, problem: "`\(key)` is not a single value", fix: "give `\(key)` one text value")
            }
            let trimmed = scalar.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        guard let cffVersion = try text(root["cff-version"], "cff-version") else {
            throw CitationError.invalid(path: file.path, problem: "it has no `cff-version`", fix: "add `cff-version: 1.2.0`")
        }
        guard cffVersion.hasPrefix("1.2.") else {
            throw CitationError.invalid(path: file.path, problem: "its cff-version is \(cffVersion), and only 1.2.x is read", fix: "update it to CFF 1.2.0 (`cffconvert` converts older files)")
        }
        guard let title = try text(root["title"], "title") else {
            throw CitationError.invalid(path: file.path, problem: "it has no `title`", fix: "add `title: <the project's name>`")
        }
        guard let authorNodes = root["authors"]?.sequence, !authorNodes.isEmpty else {
            throw CitationError.invalid(path: file.path, problem: "it has no `authors` list", fix: "add `authors:` with at least one `- name: <team>` or `- given-names: … family-names: …`")
        }
        var authors: [Author] = []
        for (index, node) in authorNodes.enumerated() {
            let key = "authors[\(index)]"
            guard node.mapping != nil else {
                throw CitationError.invalid(path: file.path, problem: "\(key) is not a mapping", fix: "write each author as `- name: …` or `- given-names: … family-names: …`")
            }
            let orcid = try text(node["orcid"], "\(key).orcid")
            if let entity = try text(node["name"], "\(key).name") {
                let website = try text(node["website"], "\(key).website")
                try requireWebAddress(website, key: "\(key).website", file: file)
                authors.append(Author(kind: .organization, name: entity, orcid: orcid, website: website))
                continue
            }
            let given = try text(node["given-names"], "\(key).given-names")
            let particle = try text(node["name-particle"], "\(key).name-particle")
            let family = try text(node["family-names"], "\(key).family-names")
            guard given != nil || family != nil else {
                throw CitationError.invalid(path: file.path, problem: "\(key) has neither `name` nor `family-names`", fix: "give a person `given-names` and `family-names`, or a team `name`")
            }
            let full = [given, particle, family].compactMap { $0 }.joined(separator: " ")
            authors.append(Author(kind: .person, name: full, givenNames: given, familyNames: [particle, family].compactMap { $0 }.joined(separator: " "),
                                  affiliation: try text(node["affiliation"], "\(key).affiliation"), orcid: orcid))
        }
        let repositoryCode = try text(root["repository-code"], "repository-code")
        try requireWebAddress(repositoryCode, key: "repository-code", file: file)
        let url = try text(root["url"], "url")
        try requireWebAddress(url, key: "url", file: file)
        return ProjectCitation(file: file, title: title, version: try text(root["version"], "version"), authors: authors,
                               repositoryCode: repositoryCode, url: url, license: try text(root["license"], "license"))
    }

    /// An address the crate uses as an identifier must be absolute http(s), as CFF requires.
    private static func requireWebAddress(_ value: String?, key: String, file: URL) throws {
        guard let value else { return }
        guard let parsed = URL(string: value), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false else {
            throw CitationError.invalid(path: file.path, problem: "`\(key)` is '\(value)', not an http(s) address", fix: "give the full web address, e.g. https://github.com/OWNER/NAME")
        }
    }
}
