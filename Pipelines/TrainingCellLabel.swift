import Stages

/// Grid-cell labels of training cells, computed from the cell's own configuration so that a
/// `--set` of σ_w², σ_b², depth or seed renames the cell (and its Results folder) to match.
enum TrainingCellLabel {
    /// `L=<depth>,sw2=<σ_w²>,seed=<seed>`: cells of a (depth, σ_w²) heatmap.
    @Sendable static func depthAndWeights(_ cell: TrainingCell) -> String {
        let c = cell.parameters.configuration
        return "L=\(c.depth),sw2=\(CaptionNumber.format(c.sw2)),seed=\(c.seed)"
    }

    /// `sb2=<σ_b²>,sw2=<σ_w²>,seed=<seed>`: cells of a (σ_b², σ_w²) plane at one depth.
    @Sendable static func biasAndWeights(_ cell: TrainingCell) -> String {
        let c = cell.parameters.configuration
        return "sb2=\(CaptionNumber.format(c.sb2)),sw2=\(CaptionNumber.format(c.sw2)),seed=\(c.seed)"
    }

    /// `<initialisation>,seed=<seed>`: learning-curve runs.
    @Sendable static func initialisation(_ cell: TrainingCell) -> String {
        let c = cell.parameters.configuration
        return "\(c.initialization.rawValue),seed=\(c.seed)"
    }
}
