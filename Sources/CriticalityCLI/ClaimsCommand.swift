import ArgumentParser
import Claims
import Foundation
import Pipeline
import Pipelines

/// `criticality claims`: the reproduction scorecard — every claim of the papers with the value
/// measured here and its verdict, read from the store.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "List the papers' claims with our measured values and a verdict: reproduced, corrected, not reproduced, not testable.",
        discussion: """
        The catalogue is Pipelines/Claims.swift. Nothing is computed: a claim whose stage is not
        computed or stale with this profile is "not testable", with the command that brings it
        up to date. --json prints a list of objects with the keys id, paper, where, claim,
        paper_value, ours, uncertainty, verdict, evidence and reason.
        """)

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Machine-readable output: one object per claim.")
    var json = false

    func run() throws {
        do {
            let scorecard = try workspace.scorecard()
            if json {
                FileHandle.standardOutput.write(try scorecard.json())
                return
            }
            for r in scorecard.results {
                let ours = r.ours.flatMap { $0.isNaN ? nil : $0 }.map { RoundedNumber.text($0, uncertainty: r.uncertainty) } ?? "—"
                let paper = r.paperWording ?? r.paperValue.map(RoundedNumber.plain) ?? "—"
                print("\(r.verdict.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(r.id)  (\(r.paper), \(r.location))")
                print("                ours \(ours); paper \(paper)")
                print("                \(r.reason)")
            }
            print(scorecard.summary + " (profile \(workspace.profile)).")
        } catch let error as PipelineError {
            throw CommandFailure(error)
        }
    }
}

extension WorkspaceOptions {
    /// The scorecard of the catalogue against this workspace's store and profile.
    func scorecard() throws -> Scorecard {
        let graph = try self.graph()
        let engine = try self.engine()
        let stages = try engine.provenance(graph)
        return Scorecard(claims: claimCatalogue(profile: profile, dataDirectories: graph.dataDirectories), stages: stages, store: engine.store, profile: profile.rawValue)
    }
}
