import Foundation
import Testing
@testable import Plot

@Suite struct HeatmapCellsTests {
    @Test func evenLinearGridHasMidpointEdges() {
        #expect(HeatmapCells.edges([1, 2, 3], logarithmic: false) == [0.5, 1.5, 2.5, 3.5])
    }

    @Test func unevenLinearGrid() {
        // Midpoints 1.5 and 3; outer edges mirror the neighbouring half-widths.
        #expect(HeatmapCells.edges([1, 2, 4], logarithmic: false) == [0.5, 1.5, 3, 5])
    }

    @Test func logarithmicGridHasGeometricEdges() {
        let edges = HeatmapCells.edges([1, 10, 100], logarithmic: true)
        let expected = [pow(10, -0.5), pow(10, 0.5), pow(10, 1.5), pow(10, 2.5)]
        #expect(edges.count == 4)
        for (a, b) in zip(edges, expected) { #expect(abs(a - b) <= 1e-12 * b) }
    }

    @Test func singleCentre() {
        #expect(HeatmapCells.edges([3], logarithmic: false) == [2.5, 3.5])
        let log = HeatmapCells.edges([10], logarithmic: true)
        #expect(abs(log[0] - pow(10, 0.5)) < 1e-12 && abs(log[1] - pow(10, 1.5)) < 1e-12)
    }
}
