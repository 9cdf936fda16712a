/// What one Swift file says about its dependencies, read line by line without a parser: the
/// modules it imports, the names it declares for other files of its module, and every
/// identifier it mentions.
///
/// The reading is deliberately generous: identifiers in string literals and trailing comments
/// count as references, so a mistake adds a dependency rather than losing one (a superfluous
/// dependency costs a rerun; a missing one lets a stale result through). Declarations are found
/// by the project's layout: top-level ones start in column 0, members of an `extension` are
/// indented by four spaces. The lint test checks the result against the compiler's object files.
///
/// ```swift
/// let scan = SwiftFileScan(text: "import Plot\npublic enum SeriesColors { … }")
/// scan.imports     // ["Plot"]
/// scan.declared    // ["SeriesColors"]
/// ```
struct SwiftFileScan {
    /// Modules named by `import` lines.
    var imports: Set<String> = []
    /// Top-level names this file declares (types, functions, constants).
    var declaredTypes: Set<String> = []
    /// Members this file adds to types in `extension` blocks, and the extended types' names.
    /// Members of an extension that adds a conformance (`extension X.Parameters: CheckedParameters`)
    /// are not counted: they implement a protocol's requirement, called through the protocol
    /// (by the engine), and the file is reached through the extended type's name anyway. Counted,
    /// a requirement's name (`check`) linked every file that mentions it to every conformance in
    /// the module, and so every training cell to the figures' caption helpers.
    var extensionMembers: Set<String> = []
    var extendedTypes: Set<String> = []
    /// Every identifier outside whole-line comments.
    var references: Set<String> = []

    private static let declarationKeywords: Set<String> = [
        "struct", "enum", "class", "protocol", "actor", "typealias", "func", "let", "var", "extension",
    ]
    private static let memberKeywords: Set<String> = [
        "struct", "enum", "class", "typealias", "func", "let", "var", "case", "subscript",
    ]
    private static let modifiers: Set<String> = [
        "public", "private", "fileprivate", "internal", "package", "open", "final", "indirect", "nonisolated",
        "unsafe", "static", "mutating", "nonmutating", "convenience", "required", "override", "lazy", "weak",
        "dynamic", "set", "consuming", "borrowing", "distributed",
    ]

    init(text: String) {
        var inExtension = false
        var inConformance = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Substring(rawLine)
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.hasPrefix("//") { continue }
            let words = Self.identifiers(in: Self.withoutAttributes(line))
            references.formUnion(Self.identifiers(in: line))
            let indent = line.count - trimmed.count
            if trimmed.isEmpty || trimmed.hasPrefix("}") || trimmed.hasPrefix("#") { continue }
            guard let keywordIndex = words.firstIndex(where: { !Self.modifiers.contains($0) }) else { continue }
            let keyword = words[keywordIndex]
            let name = keywordIndex + 1 < words.count ? words[keywordIndex + 1] : nil
            if indent == 0 {
                if keyword == "import" {
                    // `import struct Foundation.URL` names the module after the kind.
                    let rest = words[(keywordIndex + 1)...].drop(while: { Self.declarationKeywords.contains($0) })
                    if let module = rest.first { imports.insert(module) }
                    continue
                }
                guard Self.declarationKeywords.contains(keyword) else { continue }
                inExtension = keyword == "extension"
                inConformance = inExtension && Self.addsConformance(trimmed)
                if let name {
                    if inExtension { extendedTypes.insert(name) } else { declaredTypes.insert(name) }
                }
            } else if indent == 4, inExtension, !inConformance, Self.memberKeywords.contains(keyword), let name {
                extensionMembers.insert(name)
            }
        }
    }

    /// Whether an `extension` line declares a conformance: a `:` after the extended type and
    /// before its body or `where` clause (`extension A.B: P {`, not `extension A where T: P {`).
    private static func addsConformance(_ line: Substring) -> Bool {
        let head = line.prefix { $0 != "{" }
        let beforeWhere = head.range(of: " where ").map { head[..<$0.lowerBound] } ?? head
        return beforeWhere.contains(":")
    }

    /// The line with `@attribute` and `@attribute(…)` removed, so `@MainActor func f` reads as `func f`.
    private static func withoutAttributes(_ line: Substring) -> Substring {
        guard line.contains("@") else { return line }
        var result = ""
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == "@" {
                index = line.index(after: index)
                while index < line.endIndex, line[index].isLetter || line[index].isNumber || line[index] == "_" {
                    index = line.index(after: index)
                }
                if index < line.endIndex, line[index] == "(", let close = line[index...].firstIndex(of: ")") {
                    index = line.index(after: close)
                }
                continue
            }
            result.append(line[index])
            index = line.index(after: index)
        }
        return Substring(result)
    }

    /// Identifiers in order of appearance (letters, digits and `_`, not starting with a digit).
    static func identifiers(in line: Substring) -> [String] {
        var result: [String] = []
        var current = ""
        for character in line {
            if character.isLetter || character == "_" || (character.isNumber && !current.isEmpty) {
                current.append(character)
            } else if !current.isEmpty {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
