import Foundation
import Testing

/// `criticality train` as a script calls it: the exact JSON keys, bit-for-bit repeatability of the
/// numbers a seed fixes, a learnt network on the real Fashion-MNIST, and clear errors.
@Suite("criticality train, as a process", .serialized)
struct TrainCommandTests {
    static let keys: Set<String> = ["activation", "depth", "width", "sw2", "sb2", "init", "steps", "train_accuracy",
                                    "test_accuracy", "test_loss", "samples_per_second", "seconds"]

    @Test("JSON has exactly the documented keys; the same seed gives the same accuracies; the network learns")
    func repeatable() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let args = ["train", "--activation", "relu", "--depth", "2", "--width", "64", "--sw2", "2", "--sb2", "0",
                    "--optimizer", "adam", "--lr", "1e-3", "--batch", "128", "--steps", "200", "--seed", "7", "--json"]
        let first = try cli.run(args), second = try cli.run(args)
        try #require(first.status == 0, "\(first.stderr)")
        let a = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(Set(a.keys) == Self.keys, "keys: \(a.keys.sorted())")
        for key in ["train_accuracy", "test_accuracy", "test_loss"] {
            #expect((a[key] as? Double) == (b[key] as? Double), "\(key) differs between two runs with the same seed")
        }
        #expect((a["test_accuracy"] as? Double ?? 0) > 0.75, "a 2-layer ReLU MLP after 200 Adam steps should pass 75%: \(a)")
        #expect((a["activation"] as? String) == "relu" && (a["depth"] as? Int) == 2 && (a["steps"] as? Int) == 200)
    }

    @Test("bad inputs are clear errors before training: unknown activation, data set, impossible architecture, non-finite rate, no threads")
    func badInputs() throws {
        let cli = try CLIProcess(); defer { cli.cleanup() }
        let cases: [([String], String)] = [
            (["--activation", "swoosh"], "swoosh"),
            (["--dataset", "imagenet"], "imagenet"),
            (["--depth", "0"], "depth"),
            (["--arch", "cnn", "--depth", "2"], "depth"),
            (["--lr", "nan"], "learning rate"),
            (["--threads", "0"], "threads"),
        ]
        for (extra, needle) in cases {
            let result = try cli.run(["train", "--steps", "1"] + extra)
            #expect(result.status != 0, "\(extra) was accepted")
            #expect(result.stderr.lowercased().contains(needle.lowercased()), "\(extra): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }
}
