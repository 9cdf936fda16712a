import Foundation
import Testing
@testable import CriticalityCLI

/// `criticality theory …`: in-process for values and keys, as a process for exit codes and stderr.
@Suite("criticality theory")
struct TheoryCommandTests {
    /// Parses `theory <arguments>` as the binary would and returns what it prints.
    static func output(_ arguments: [String]) throws -> String {
        let command = try Criticality.parseAsRoot(["theory"] + arguments)
        let theory = try #require(command as? any TheoryOutputCommand)
        return try theory.output()
    }

    /// The JSON object printed with --json.
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let text = try output(arguments + ["--json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func number(_ object: [String: Any], _ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue }

    @Test("point: the keys, in the ordered phase")
    func point() throws {
        let p = try Self.json(["point", "--activation", "tanh", "--sw2", "1.5", "--sb2", "0.05"])
        #expect(Set(p.keys) == ["activation", "sw2", "sb2", "q_star", "c_star", "chi1", "chi_c", "xi_q", "xi_c", "phase"])
        #expect(p["activation"] as? String == "tanh" && p["phase"] as? String == "ordered")
        #expect(Self.number(p, "sw2") == 1.5 && Self.number(p, "sb2") == 0.05)
        let q = try #require(Self.number(p, "q_star")), chi1 = try #require(Self.number(p, "chi1"))
        #expect(abs(q - 0.41803720053347787) <= 1e-12 && abs(chi1 - 0.93863626819885115) <= 1e-12)
        #expect(Self.number(p, "c_star") == 1 && Self.number(p, "chi_c") == chi1)
        #expect(abs(Self.number(p, "xi_c")! + 1 / log(chi1)) <= 1e-12)
        let text = try Self.output(["point", "--activation", "tanh", "--sw2", "1.5", "--sb2", "0.05"])
        #expect(text.contains("phase       ordered") && text.contains("q*          0.418037200533477"))
    }

    @Test("point: chaotic side has c* < 1 and χ_c < χ₁")
    func chaotic() throws {
        let p = try Self.json(["point", "--activation", "tanh", "--sw2", "2.5", "--sb2", "0.05"])
        #expect(p["phase"] as? String == "chaotic")
        #expect(Self.number(p, "c_star")! < 1 && Self.number(p, "chi_c")! < 1 && Self.number(p, "chi1")! > 1)
    }

    @Test("critical, then point there: chi1 = 1 within 1e-9, phase critical, xi_c null with a note")
    func criticalThenPoint() throws {
        let c = try Self.json(["critical", "--activation", "tanh", "--sb2", "0.05"])
        #expect(Set(c.keys) == ["activation", "sb2", "sw2", "q_star"])
        let sw2 = try #require(Self.number(c, "sw2"))
        #expect(abs(sw2 - 1.76095) <= 1e-5 && abs(Self.number(c, "q_star")! - 0.570048) <= 1e-6)
        // The printed number round-trips: the printed σ_w² is the computed one.
        let printed = try Self.output(["critical", "--activation", "tanh", "--sb2", "0.05", "--json"])
        let token = try #require(printed.split(separator: "\n").first { $0.contains("\"sw2\"") }?.split(separator: " ").last)
        let p = try Self.json(["point", "--activation", "tanh", "--sw2", String(token.dropLast()), "--sb2", "0.05"])
        #expect(abs(Self.number(p, "chi1")! - 1) <= 1e-9)
        #expect(p["phase"] as? String == "critical")
        #expect(p["xi_c"] is NSNull && (p["note"] as? String)?.contains("xi_c diverges") == true)
    }

    @Test("ReLU: the critical point and the semi-critical line are reported with nulls and a note")
    func relu() throws {
        let semi = try Self.json(["point", "--activation", "relu", "--sw2", "2", "--sb2", "0.1"])
        #expect(semi["q_star"] is NSNull && semi["phase"] as? String == "critical" && Self.number(semi, "chi1") == 1)
        #expect((semi["note"] as? String)?.contains("semi-critical") == true)
        let critical = try Self.json(["critical", "--activation", "relu", "--sb2", "0"])
        #expect(Self.number(critical, "sw2") == 2 && critical["q_star"] is NSNull && critical["note"] is String)
    }

    @Test("map: q⁰ first, layers + 1 entries, converging to q*")
    func map() throws {
        let m = try Self.json(["map", "--activation", "tanh", "--sw2", "1.5", "--sb2", "0.05", "--q0", "1", "--c0", "0.5", "--layers", "50"])
        #expect(Set(m.keys) == ["q", "c"])
        let q = try #require(m["q"] as? [Double]), c = try #require(m["c"] as? [Double])
        #expect(q.count == 51 && c.count == 51 && q[0] == 1 && c[0] == 0.5)
        #expect(abs(q[50] - 0.41803720053347787) <= 1e-9)
        #expect(c[50] > c[1])
        let text = try Self.output(["map", "--activation", "tanh", "--sw2", "1.5", "--sb2", "0.05", "--layers", "3"])
        #expect(text.split(separator: "\n").count == 5)
    }

    @Test("theorem1: σ_w² ≈ 103.01 at σ_b² = 0, the minimum along the line is there, the paper's 103.05 explained")
    func theorem1() throws {
        let t = try Self.json(["theorem1"])
        #expect(abs(Self.number(t, "sw2")! - 103.0075538555193) <= 1e-7)
        #expect(abs(Self.number(t, "sw")! - 10.149263710019525) <= 1e-8)
        #expect(abs(Self.number(t, "q_star")! - 45.624277797379705) <= 1e-7)
        #expect(Self.number(t, "min_sb2") == 0 && Self.number(t, "min_sw2") == Self.number(t, "sw2"))
        let text = try Self.output(["theorem1"])
        #expect(text.contains("103.05") && text.contains("sigma_w^2 = 103.01"), "\(text)")
    }

    @Test("cnn: χ_q*, χ_c*, one depth scale per Fourier mode, mode 0 the fully connected ξ_c")
    func cnn() throws {
        let c = try Self.json(["cnn", "--activation", "tanh", "--sw2", "1.5", "--sb2", "0.05", "--kernel-half-width", "1", "--size", "6"])
        let modes = try #require(c["xi_c_modes"] as? [Double]), eigen = try #require(c["eigenvalues"] as? [Double])
        #expect(modes.count == 6 && eigen.count == 6 && eigen[0] == 1)
        #expect(abs(eigen[1] - (1 + 2 * cos(2 * Double.pi / 6)) / 3) <= 1e-15)
        let p = try Self.json(["point", "--activation", "tanh", "--sw2", "1.5", "--sb2", "0.05"])
        #expect(modes[0] == Self.number(p, "xi_c") && Self.number(c, "chi_c") == Self.number(p, "chi_c"))
        #expect(try Self.output(["cnn", "--activation", "tanh", "--sw2", "1.5", "--sb2", "0.05"]).contains("lambda_p"))
    }

    @Test("JSON numbers: the shortest form that round-trips, non-finite as null")
    func numbers() {
        #expect(TheoryJSON.number(0.1) == "0.1" && TheoryJSON.number(0.05) == "0.05")
        #expect(TheoryJSON.number(.infinity) == "null" && TheoryJSON.number(.nan) == "null" && TheoryJSON.number(nil) == "null")
        for x in [1.7609546396067393, 1e-300, 123456.789] { #expect(Double(TheoryJSON.number(x)) == x) }
    }

    @Test("errors as a process: non-zero exit, one message on stderr, no stack trace")
    func errors() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let cases: [([String], String)] = [
            (["theory", "point", "--activation", "tanhh", "--sw2", "1", "--sb2", "0"], "unknown activation 'tanhh'; use one of: tanh, arctan, softsign, sigmoid, relu"),
            (["theory", "point", "--activation", "tanh", "--sw2", "-1", "--sb2", "0.05"], "sigma_w^2 (--sw2) = -1.0 is not a valid variance"),
            (["theory", "point", "--activation", "tanh", "--sw2", "1", "--sb2", "nan"], "(--sb2) = nan is not a valid variance"),
            (["theory", "critical", "--activation", "tanh", "--sb2", "-0.5"], "(--sb2) = -0.5 is not a valid variance"),
            (["theory", "point", "--activation", "relu", "--sw2", "2.5", "--sb2", "0.05"], "no fixed point: q grows without bound"),
            (["theory", "map", "--activation", "tanh", "--sw2", "1", "--sb2", "0.1", "--c0", "2"], "correlation c = 2.0 is invalid"),
        ]
        for (arguments, message) in cases {
            let out = try cli.run(arguments)
            #expect(out.status != 0, "\(arguments)")
            #expect(out.stderr.contains(message), "\(arguments): \(out.stderr)")
            #expect(!out.stderr.contains("Stack dump") && !out.stderr.contains("Fatal error") && out.stdout.isEmpty, "\(arguments)")
        }
        let ok = try cli.run(["theory", "point", "--activation", "tanh", "--sw2", "1.5", "--sb2", "0.05", "--json"])
        #expect(ok.status == 0 && ok.stdout.contains("\"phase\": \"ordered\""), "\(ok.stderr)")
    }
}
