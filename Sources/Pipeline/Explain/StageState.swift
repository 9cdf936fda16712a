/// Whether a stage's current key has a valid entry in the store. The raw values are what
/// `status --json` prints.
public enum StageState: String, Codable, Sendable {
    /// A valid entry exists for the key the stage has now.
    case upToDate = "up-to-date"
    /// The stage would run: its key has no valid entry, or an input is itself stale.
    case stale
}
