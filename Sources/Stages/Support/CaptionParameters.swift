import Pipeline

/// The parameters of a figure whose data says everything else: how the data were made (for the
/// caption) and the profile. Shared by the simulation figures, whose captions differ only in these.
public struct CaptionParameters: Codable, Hashable, Sendable {
    /// How the data were made, as the caption states it.
    public var protocolText: String
    public var profile: Profile
    public init(protocolText: String, profile: Profile) {
        self.protocolText = protocolText
        self.profile = profile
    }
}
