import Artifacts

/// What the store holds for a stage a claim reads, as `report` and `status` see it: nothing is
/// computed to get it.
public enum StageEvidence: Sendable {
    /// Up to date, with its data.
    case current(LabelledData)
    /// Only an older run exists; why it is stale.
    case stale([String])
    /// Never run with this profile.
    case missing
    /// The stage is not in this profile's graph.
    case undeclared
    /// Up to date, but its data could not be read (the error).
    case unreadable(String)
}
