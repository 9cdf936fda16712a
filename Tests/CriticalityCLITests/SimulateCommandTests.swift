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
