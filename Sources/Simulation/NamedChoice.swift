/// An option given by name on the command line (a lattice model, a sampler, a weight ensemble):
/// one parser whose error lists the accepted names from the cases themselves, so the message
/// cannot drift from the enum.
public protocol NamedChoice: RawRepresentable, CaseIterable where RawValue == String {
    /// What the option is called in messages ("lattice model").
    static var choiceName: String { get }
}

extension NamedChoice {
    /// The case named `name` (case-insensitive), or an error listing the known names.
    public static func parse(_ name: String) throws -> Self {
        guard let value = Self(rawValue: name.lowercased()) else {
            throw SimulationError.invalidArgument("unknown \(choiceName) '\(name)'; use one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
