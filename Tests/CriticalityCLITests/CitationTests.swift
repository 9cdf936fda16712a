import Foundation
import Pipeline
@testable import Reporting
import Testing

/// The project's CITATION.cff and its reader: the file the archive takes its people from, and
/// the one-line errors a missing or malformed one gives, before any archiving work.
@Suite("CITATION.cff")
struct CitationTests {
    static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let file = URL(fileURLWithPath: "/checkout/CITATION.cff")

    static func parse(_ yaml: String) throws -> ProjectCitation { try ProjectCitation.parse(yaml, file: file) }

    static func problem(_ yaml: String) -> String {
        do {
            _ = try parse(yaml)
            return "parsed"
        } catch {
            return "\(error)"
        }
    }

    @Test("the project's CITATION.cff reads as one organisation author, at the tool's version, with no repository")
    func projectCitation() throws {
        let citation = try ProjectCitation.read(in: Self.project)
        #expect(citation.title.hasPrefix("Criticality"))
        #expect(citation.authors == [.init(kind: .organization, name: "Criticality developers")])
        #expect(citation.version == RunEnvironment.toolVersion, "CITATION.cff's version differs from RunEnvironment.toolVersion")
        #expect(citation.repository == nil && citation.license == nil)
    }

    @Test("persons, ORCIDs, affiliations and a repository address are read; the repository is normalised")
    func fullCitation() throws {
        let citation = try Self.parse("""
        cff-version: 1.2.0
        message: cite it
        title: Some tool
        version: 2.1
        authors:
          - given-names: Ada
            name-particle: de
            family-names: Lovelace
            affiliation: Analytical Engines Ltd
            orcid: https://orcid.org/0000-0002-1825-0097
          - name: The Team
            website: https://team.example.org
        repository-code: https://github.com/owner/tool.git/
        license: MIT
        """)
        #expect(citation.version == "2.1" && citation.license == "MIT")
        #expect(citation.repository == "https://github.com/owner/tool")
        #expect(citation.authors[0] == .init(kind: .person, name: "Ada de Lovelace", givenNames: "Ada", familyNames: "de Lovelace",
                                             affiliation: "Analytical Engines Ltd", orcid: "https://orcid.org/0000-0002-1825-0097"))
        #expect(citation.authors[1].kind == .organization && citation.authors[1].website == "https://team.example.org")

        // In the crate: the person is identified by their ORCID, the team is the publisher.
        let people = CrateMetadata.people(citation)
        #expect(people.authors == ["https://orcid.org/0000-0002-1825-0097", "#organization/the-team"])
        #expect(people.publisher == "#organization/the-team")
        let person = try #require(people.entities.first { $0["@id"] as? String == people.authors[0] })
        #expect(person["@type"] as? String == "Person" && person["familyName"] as? String == "de Lovelace")
        let affiliation = try #require((person["affiliation"] as? [String: String])?["@id"])
        #expect(people.entities.contains { $0["@id"] as? String == affiliation && $0["name"] as? String == "Analytical Engines Ltd" })
        let team = try #require(people.entities.first { $0["@id"] as? String == "#organization/the-team" })
        #expect(team["url"] as? String == "https://team.example.org")
    }

    @Test("a missing CITATION.cff names the path and how to add one")
    func missing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("citation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: CitationError.missing(path: folder.appendingPathComponent("CITATION.cff").path)) {
            try ProjectCitation.read(in: folder)
        }
        let message = CitationError.missing(path: "/x/CITATION.cff").description
        #expect(message.contains("/x/CITATION.cff") && message.contains("Add one") && !message.contains("\n"))
    }

    @Test("malformed files: each error names the file, the problem and the fix on one line", arguments: [
        ("title: [unclosed", "not valid YAML"),
        ("", "is empty"),
        ("- just\n- a list", "not a YAML mapping"),
        ("title: T\nauthors:\n  - name: X", "no `cff-version`"),
        ("cff-version: 1.1.0\ntitle: T\nauthors:\n  - name: X", "only 1.2.x is read"),
        ("cff-version: 1.2.0\nauthors:\n  - name: X", "no `title`"),
        ("cff-version: 1.2.0\ntitle: T", "no `authors` list"),
        ("cff-version: 1.2.0\ntitle: T\nauthors: []", "no `authors` list"),
        ("cff-version: 1.2.0\ntitle: T\nauthors:\n  - affiliation: Somewhere", "has neither `name` nor `family-names`"),
        ("cff-version: 1.2.0\ntitle: T\nauthors:\n  - just a string", "authors[0] is not a mapping"),
        ("cff-version: 1.2.0\ntitle: [a, b]\nauthors:\n  - name: X", "`title` is not a single value"),
        ("cff-version: 1.2.0\ntitle: T\nauthors:\n  - name: X\nrepository-code: github.com/owner/name", "`repository-code` is 'github.com/owner/name', not an http(s) address"),
        ("cff-version: 1.2.0\ntitle: T\nauthors:\n  - name: X\nurl: ftp://example.org/x", "not an http(s) address"),
    ])
    func malformed(yaml: String, expected: String) {
        let message = Self.problem(yaml)
        #expect(message.contains(expected), "\(message)")
        #expect(message.hasPrefix(Self.file.path) && message.contains("Fix: ") && !message.contains("\n"), "\(message)")
    }

    @Test("archive: a missing or malformed --citation stops before the store is read, and writes nothing")
    func archiveRefusesBadCitation() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        // The store is empty: had archiving started, the error would be "nothing to include".
        let absent = cli.folder.appendingPathComponent("absent/CITATION.cff")
        let missing = try cli.run(["archive", "--profile", "quick", "--citation", absent.path])
        #expect(missing.status != 0 && missing.stderr.contains("no CITATION.cff at \(absent.path)"), "\(missing.stderr)")
        let broken = cli.folder.appendingPathComponent("CITATION.cff")
        try "cff-version: 1.2.0\ntitle: T\n".write(to: broken, atomically: true, encoding: .utf8)
        let malformed = try cli.run(["archive", "--profile", "quick", "--citation", broken.path])
        #expect(malformed.status != 0 && malformed.stderr.contains("\(broken.path) is not usable CFF: it has no `authors` list"), "\(malformed.stderr)")
        for outcome in [missing, malformed] {
            #expect(!outcome.stderr.contains("nothing to include") && !outcome.stdout.contains("Archive:"))
        }
        #expect(!FileManager.default.fileExists(atPath: cli.results.appendingPathComponent("archive").path))
    }
}
