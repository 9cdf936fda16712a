import Foundation
import Testing

/// `criticality simulate`: JSON keys, reproducibility across thread counts, and clear errors.
@Suite struct SimulateCommandTests {
    func json(_ output: CLIProcess.Output) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test func latticeJSONKeys() throws {
        let cli = try CLIProcess()
        let linear = try cli.run(["simulate", "lattice", "--model", "linear", "--width", "50", "--depth", "64", "--sb2", "0.01",
                                  "--sw2", "0.5", "--networks", "4", "--seed", "1", "--json"])
        #expect(linear.status == 0, "\(linear.stderr)")
        #expect(Set(try json(linear).keys) == ["model", "sw2", "sb2", "width", "depth", "networks", "norm", "norm_stderr", "norm_predicted"])
        let relu = try cli.run(["simulate", "lattice", "--model", "relu", "--width", "50", "--depth", "64", "--sb2", "0.01",
                                "--sw2", "1.0", "--networks", "4", "--seed", "1", "--json", "--threads", "1"])
        #expect(relu.status == 0, "\(relu.stderr)")
        #expect(Set(try json(relu).keys) == ["model", "sw2", "sb2", "width", "depth", "networks", "r_plus", "r_plus_stderr",
                                             "r_minus", "r_minus_stderr", "k", "k_stderr", "r_predicted", "k_predicted"])
        let reluTwo = try cli.run(["simulate", "lattice", "--model", "relu", "--width", "50", "--depth", "64", "--sb2", "0.01",
                                   "--sw2", "1.0", "--networks", "4", "--seed", "1", "--json", "--threads", "2"])
        #expect(reluTwo.stdout == relu.stdout)
    }

    /// --covariance adds 003 Fig. 6's bands: nine components with both theories, and Σ_kk at the
    /// binomial 1/4 where Eq. 22 gives 2/5.
    @Test func latticeCovarianceJSON() throws {
        let out = try CLIProcess().run(["simulate", "lattice", "--model", "relu", "--width", "200", "--depth", "256", "--sb2", "0.01",
                                        "--sw2", "1.0", "--networks", "16", "--seed", "1", "--sampler", "exact", "--covariance", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        struct Output: Decodable {
            struct Component: Decodable { let measured, stderr, paper, leading: [Double] }
            struct Covariance: Decodable { let q: [Double]; let components: [String: Component]; let median_gap_paper, median_gap_leading: Double }
            let covariance: Covariance
        }
        let covariance = try JSONDecoder().decode(Output.self, from: Data(out.stdout.utf8)).covariance
        #expect(Set(covariance.components.keys) == ["pp", "mm", "kk", "pm_re", "pk_re", "mk_re", "pm_im", "pk_im", "mk_im"])
        #expect(covariance.q.count == 8)
        let kk = try #require(covariance.components["kk"])
        #expect(kk.paper.allSatisfy { abs($0 - 0.4) < 1e-12 })
        let kkMean = kk.measured.reduce(0, +) / Double(kk.measured.count)
        #expect(abs(kkMean - 0.25) < 0.02, "measured Σ_kk \(kkMean)")
        #expect(covariance.median_gap_leading < 1.5 && covariance.median_gap_paper > 2, "\(covariance.median_gap_leading) vs \(covariance.median_gap_paper)")
    }

    @Test func propagateJSONKeys() throws {
        let cli = try CLIProcess()
        let out = try cli.run(["simulate", "propagate", "--activation", "tanh", "--width", "30", "--depth", "4", "--sw2", "1.5",
                               "--sb2", "0.05", "--networks", "3", "--seed", "1", "--sampler", "exact", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let object = try json(out)
        #expect(Set(object.keys) == ["q", "q_stderr", "c", "c_stderr", "q_theory", "c_theory"])
        #expect((object["q"] as? [Double])?.count == 5)
    }

    @Test(arguments: [
        (["lattice", "--model", "linear", "--width", "20", "--depth", "10", "--sb2", "0.01", "--sw2", "-1", "--networks", "2"], "negative variance"),
        (["lattice", "--model", "linear", "--width", "20", "--depth", "10", "--sb2", "0.01", "--sw2", "1", "--networks", "2"], "no saddle point"),
        (["lattice", "--model", "linear", "--width", "20", "--depth", "10", "--sb2", "0.01", "--sw2", "0.5", "--networks", "0"], "networks"),
        (["lattice", "--model", "linear", "--width", "20", "--depth", "10", "--sb2", "0.01", "--sw2", "0.5", "--networks", "2", "--window-start", "11"], "window"),
        (["lattice", "--model", "linear", "--width", "20", "--depth", "10", "--sb2", "0.01", "--sw2", "0.5", "--networks", "2", "--covariance"], "--model relu"),
        (["lattice", "--model", "relu", "--width", "20", "--depth", "10", "--sb2", "0.01", "--sw2", "0.5", "--networks", "2", "--covariance",
          "--modes-per-bin", "0"], "modes per band"),
        (["propagate", "--activation", "tanh", "--width", "20", "--depth", "3", "--sb2", "0.05", "--sw2", "1.5", "--networks", "2",
          "--sampler", "exact", "--weights", "orthogonal"], "orthogonal"),
    ])
    func errorsAreClear(arguments: [String], fragment: String) throws {
        let out = try CLIProcess().run(["simulate"] + arguments)
        #expect(out.status != 0)
        #expect(out.stderr.contains(fragment), "\(out.stderr)")
        #expect(!out.stderr.contains("Fatal error"))
    }
}
