/// What the data say about a claim.
///
/// `corrected` is the project's own finding: the paper's value (or wording) is off, but the
/// claim holds with the value measured here — 002's Theorem 1 quotes "σ_w ≈ 103.05" where the
/// solution is σ_w² = 103.0076.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case reproduced
    case corrected
    case notReproduced = "not reproduced"
    case notTestable = "not testable"
}
