import Foundation

/// Cell edges of a heatmap on a possibly uneven grid.
///
/// Cells are drawn as boxes (`with boxxyerror`) rather than `with image`: gnuplot places image
/// pixels evenly in linear coordinates, so an image on a logarithmic axis or an uneven grid
/// lands in the wrong place (checked with gnuplot 5.4). Each box is filled and outlined in its
/// own palette colour: boxes without an outline show antialiasing seams between cells.
enum HeatmapCells {
    /// `centres.count + 1` edges: halfway between neighbours (geometric mean on a logarithmic
    /// axis); the outer edges mirror the inner ones. A single centre gets a cell one unit wide
    /// (a factor √10 either side on a logarithmic axis).
    static func edges(_ centres: [Double], logarithmic: Bool) -> [Double] {
        let forward: (Double) -> Double = logarithmic ? { log10($0) } : { $0 }
        let inverse: (Double) -> Double = logarithmic ? { pow(10, $0) } : { $0 }
        let u = centres.map(forward)
        guard u.count > 1 else {
            let c = u.first ?? 0
            return [inverse(c - 0.5), inverse(c + 0.5)]
        }
        var edges = [u[0] - (u[1] - u[0]) / 2]
        for i in 0..<(u.count - 1) { edges.append((u[i] + u[i + 1]) / 2) }
        edges.append(u[u.count - 1] + (u[u.count - 1] - u[u.count - 2]) / 2)
        return edges.map(inverse)
    }
}
