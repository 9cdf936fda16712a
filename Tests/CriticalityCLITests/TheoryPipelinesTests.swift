import Foundation
import Stages
import Testing
import Artifacts

/// The theory pipelines of `make figures`, run end to end at the quick profile as a user runs
/// them, and their data held against independent computations of the same quantity by another
/// stage (a grid of ξ_c against a root solve of χ₁ = 1; iterated maps against fixed points).
@Suite("theory pipelines, end to end", .serialized)
struct TheoryPipelinesTests {
    static let pipelines = ["001-phase-diagram", "002-depth-scales", "002-fig5-sigmoid", "002-layer-maps", "002-cnn-modes"]
    static let figures = ["001-phase-diagram/figure/phase-diagram", "002-depth-scales/figure/depth-scales",
                          "002-fig5-sigmoid/figure/sigmoid-theorem", "002-layer-maps/figure/layer-maps",
                          "002-cnn-modes/figure/cnn-modes"]

    @Test("every theory figure renders; the data agree across stages; a rerun computes nothing; an override reruns only its chain")
    func theoryPipelines() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let quick = ["--profile", "quick", "--quiet"]
        let first = try cli.run(["run"] + Self.pipelines + quick)
        try #require(first.status == 0, "\(first.stderr)")

        cli.expectRendered(Self.figures)

        // ξ_c peaks where χ₁ = 1: the grid's largest ξ_c in each σ_b² row sits within one grid
        // step of the critical σ_w² that the critical-line stage solves for independently.
        let heatmap = try MeanFieldPlaneData.read(from: cli.results.appendingPathComponent("001-phase-diagram/xi-c"))
        let line = try CriticalLineData.read(from: cli.results.appendingPathComponent("001-phase-diagram/critical-line"))
        let sw2 = heatmap.sw2, sb2 = heatmap.sb2
        let xi = heatmap.xiC
        // The line has a finer σ_b² axis of its own (cubic, dense near 0): read it at each row.
        let lineSw2 = line.criticalSw2, lineSb2 = line.sb2
        #expect(lineSb2.first == sb2.first && lineSb2.last == sb2.last && lineSb2.count > sb2.count)
        let critical = sb2.map { b -> Double in
            let i = min(max(1, lineSb2.firstIndex { $0 >= b } ?? lineSb2.count - 1), lineSb2.count - 1)
            let t = (b - lineSb2[i - 1]) / (lineSb2[i] - lineSb2[i - 1])
            return lineSw2[i - 1] + t * (lineSw2[i] - lineSw2[i - 1])
        }
        let stored = try LabelledData.read(from: cli.results.appendingPathComponent("001-phase-diagram/xi-c"))
        #expect(Set(stored.attributes.keys).isSubset(of: ["activation", "description", "notes"]),
                "a row's own attributes (its sigma_b2) leaked into the gathered grid: \(stored.attributes.keys.sorted())")
        let step = sw2[1] - sw2[0]
        for (row, _) in sb2.enumerated() {
            let values = Array(xi[(row * sw2.count)..<((row + 1) * sw2.count)])
            let peak = values.indices.max { (values[$0].isNaN ? -1 : values[$0]) < (values[$1].isNaN ? -1 : values[$1]) }!
            #expect(abs(sw2[peak] - critical[row]) <= step, "row σ_b² = \(sb2[row]): ξ_c peaks at \(sw2[peak]), χ₁ = 1 at \(critical[row])")
        }

        // The iterated layer maps end on the fixed points (ordered and chaotic curves; the critical one converges as a power law).
        let maps = try LayerTrajectoriesData.read(from: cli.results.appendingPathComponent("002-layer-maps/trajectories"))
        let layers = maps.layers.count
        let weights = maps.sw2
        let q = maps.q, qStar = maps.qStar
        // The figure places each σ_w² by the trajectories' own χ₁ and critical σ_w² (no second copy).
        let mapsChi1 = maps.chi1, mapsXiC = maps.xiC
        let mapsCritical = maps.criticalSw2
        #expect(mapsCritical.isFinite)
        for (i, w) in weights.enumerated() {
            #expect((w < mapsCritical) == (mapsChi1[i] < 1 - 1e-9) && (w > mapsCritical) == (mapsChi1[i] > 1 + 1e-9),
                    "σ_w² = \(w): χ₁ = \(mapsChi1[i]) against the critical σ_w² \(mapsCritical)")
            #expect(abs(w - mapsCritical) > 1e-9 || mapsXiC[i] == .infinity)
        }
        for (i, w) in weights.enumerated() {
            let last = q[(i + 1) * layers - 1]
            #expect(abs(last - qStar[i]) <= 1e-3 * qStar[i], "σ_w² = \(w): q^L = \(last), q* = \(qStar[i])")
        }

        // Theorem 1: the solved σ_w² lies where the sampled χ₁ curve crosses 1.
        let sigmoid = try SigmoidTheoremData.read(from: cli.results.appendingPathComponent("002-fig5-sigmoid/theorem"))
        let solved = sigmoid.theoremSw2
        let curveW = sigmoid.sw2, chi1 = sigmoid.chi1
        let crossing = try #require(curveW.indices.dropLast().first { (chi1[$0] - 1) * (chi1[$0 + 1] - 1) <= 0 })
        #expect(curveW[crossing] <= solved && solved <= curveW[crossing + 1], "χ₁ crosses 1 in [\(curveW[crossing]), \(curveW[crossing + 1])], Theorem 1 gives \(solved)")

        // "For any σ_b²": along the searched σ_b² the critical σ_w² rises from its value at 0, which
        // is Theorem 1's solution, so it never drops below it.
        let sigmoidLine = sigmoid.criticalSw2
        #expect(sigmoid.sb2.first == 0)
        #expect(abs(sigmoidLine[0] - solved) < 1e-9 * solved, "critical σ_w² at σ_b² = 0 is \(sigmoidLine[0]), Theorem 1 gives \(solved)")
        #expect(zip(sigmoidLine, sigmoidLine.dropFirst()).allSatisfy { $0 < $1 }, "critical σ_w² along σ_b²: \(sigmoidLine)")

        let second = try cli.run(["run"] + Self.pipelines + quick)
        #expect(second.status == 0 && second.stdout.contains("Nothing to do"), "\(second.stdout)")

        // The README's example: a --set on the curves reaches the caption and title, which are built
        // from the curves' data, not from a second copy of σ_b² in the figure's parameters.
        let biased = try cli.run(["run", "002-depth-scales", "--set", "002-depth-scales/curves.sb2=0.1", "--profile", "quick", "--quiet"])
        #expect(biased.status == 0, "\(biased.stderr)")
        let caption = try String(contentsOf: cli.results.appendingPathComponent("002-depth-scales/figure/depth-scales.caption.txt"), encoding: .utf8)
        #expect(caption.contains("σ_w² at σ_b² = 0.1 for") && !caption.contains("0.05"), "\(caption)")
        let script = try String(contentsOf: cli.results.appendingPathComponent("002-depth-scales/figure/depth-scales.gp"), encoding: .utf8)
        // The script sets the title as math (Plot's MathMarkup): ξ_{c}, σ_{b}.
        #expect(script.contains("ξ_{c} at σ_{b}² = 0.1") && !script.contains("ξ_{c} at σ_{b}² = 0.05"))

        let edited = try cli.run(["run", "002-layer-maps", "--set", "002-layer-maps/trajectories.layers=25", "--profile", "quick"])
        #expect(edited.status == 0)
        #expect(edited.stdout.contains("2 ran, 0 up to date"), "\(edited.stdout)")

        // The gather reads each row's σ_b² from the row: a --set that moves a row onto another's
        // σ_b² is refused before any work, naming both rows (their labels follow σ_b², so the
        // two would be one cell), where the rows were once labelled by the pipeline's axis (the
        // row computed at 0 was drawn at 0.1). The gather's own refusal is GatherRowsTests'.
        let merged = try cli.run(["run", "001-phase-diagram", "--set", "001-phase-diagram/rows[sb2=0.1].sb2=0", "--profile", "quick", "--quiet"])
        #expect(merged.status != 0 && merged.stderr.contains("rows[sb2=0.1]") && merged.stderr.contains("rows[sb2=0]")
                && merged.stderr.contains("set the parameter on one cell"), "\(merged.stderr)")
        // A row moved within the order is drawn where it was computed.
        let moved = try cli.run(["run", "001-phase-diagram", "--set", "001-phase-diagram/rows[sb2=0.1].sb2=0.15", "--profile", "quick", "--quiet"])
        try #require(moved.status == 0, "\(moved.stderr)")
        let movedPlane = try MeanFieldPlaneData.read(from: cli.results.appendingPathComponent("001-phase-diagram/xi-c"))
        #expect(movedPlane.sb2.count == 4 && movedPlane.sb2[1] == 0.15 && zip(movedPlane.sb2, movedPlane.sb2.dropFirst()).allSatisfy { $0 < $1 },
                "\(movedPlane.sb2)")
        // Its Results folder follows the value used, and keeps the provenance of that value.
        let rows = cli.results.appendingPathComponent("001-phase-diagram/rows")
        #expect(FileManager.default.fileExists(atPath: rows.appendingPathComponent("sb2=0.15/data.h5").path))
        #expect(!FileManager.default.fileExists(atPath: rows.appendingPathComponent("sb2=0.1").path))
        let movedRow = try MeanFieldCurveData.read(from: rows.appendingPathComponent("sb2=0.15"))
        #expect(movedRow.sb2 == 0.15)
    }
}
