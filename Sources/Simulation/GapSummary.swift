/// Summaries of gaps in standard errors, as the figure, the report and the CLI state them.
public enum GapSummary {
    /// The median (NaN for none).
    public static func median(_ gaps: [Double]) -> Double {
        guard !gaps.isEmpty else { return .nan }
        let sorted = gaps.sorted(), mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The fraction below 3.
    public static func withinThree(_ gaps: [Double]) -> Double {
        Double(gaps.filter { $0 < 3 }.count) / Double(max(gaps.count, 1))
    }
}
