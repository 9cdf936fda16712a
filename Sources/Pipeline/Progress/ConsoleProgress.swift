import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Progress on the terminal: on a TTY, one live line (overall fraction, stages done, what runs
/// now with its own progress, ETA) above which finished stages scroll; elsewhere, one plain line
/// per stage that ran, failed or was skipped, and nothing animated. Writes to standard error so
/// standard output stays for results.
public final class ConsoleProgress: ProgressSink, Sendable {
    private struct Running { var started: Date; var estimate: Double?; var fraction: Double?; var note: String? }
    private struct State {
        var total = 0, jobs = 1, done = 0, ran = 0, failed = 0
        var running: [String: Running] = [:]
        var durations: [Double] = []
        var lastDraw = Date.distantPast
    }
    private let state = Mutex(State())
    private let live: Bool
    private let stopped = Atomic<Bool>(false)

    /// Progress for standard error; animated only when it is a terminal and `animate` allows.
    public init(animate: Bool = true) {
        live = animate && isatty(STDERR_FILENO) == 1
        guard live else { return }
        // A ticker keeps the elapsed times and ETA moving while no event arrives.
        let thread = Thread { [weak self] in
            while let self, !self.stopped.load(ordering: .relaxed) {
                self.redraw(force: false)
                usleep(250_000)
            }
        }
        thread.start()
    }

    deinit { stopped.store(true, ordering: .relaxed) }

    public func report(_ event: ProgressEvent) {
        var lines: [String] = []
        state.withLock { s in
            switch event {
            case .planned(let total, let jobs):
                s.total = total; s.jobs = max(1, jobs)
            case .upToDate:
                s.done += 1
            case .started(let stage, let estimate):
                s.running[stage] = Running(started: Date(), estimate: estimate)
            case .progress(let stage, let fraction, let note):
                s.running[stage]?.fraction = fraction
                s.running[stage]?.note = note
            case .finished(let stage, let seconds, let same):
                s.running[stage] = nil; s.done += 1; s.ran += 1; s.durations.append(seconds)
                lines.append("[\(Self.counter(s))] ran \(stage) in \(Self.duration(seconds))\(same ? " (outputs unchanged: consumers stay cached)" : "")")
            case .failed(let stage, let message):
                s.running[stage] = nil; s.done += 1; s.failed += 1
                lines.append("[\(Self.counter(s))] FAILED \(stage): \(message)")
            case .skipped(let stage, let because):
                s.done += 1
                lines.append("[\(Self.counter(s))] skipped \(stage): \(because)")
            case .warning(let message):
                lines.append("warning: \(message)")
            case .note(let message):
                lines.append(message)
            }
        }
        emit(lines)
    }

    /// Clears the live line; call before printing a summary.
    public func finish() {
        stopped.store(true, ordering: .relaxed)
        if live { write("\r\u{1B}[K") }
    }

    private func emit(_ lines: [String]) {
        if live {
            if !lines.isEmpty { write("\r\u{1B}[K" + lines.joined(separator: "\n") + "\n") }
            redraw(force: !lines.isEmpty)
        } else if !lines.isEmpty {
            write(lines.joined(separator: "\n") + "\n")
        }
    }

    private func redraw(force: Bool) {
        guard live else { return }
        let line: String? = state.withLock { s in
            let now = Date()
            guard force || now.timeIntervalSince(s.lastDraw) > 0.2 else { return nil }
            s.lastDraw = now
            return Self.statusLine(s, now: now)
        }
        if let line { write("\r\u{1B}[K" + line) }
    }

    private static func statusLine(_ s: State, now: Date) -> String {
        let percent = s.total == 0 ? 100 : Int((Double(s.done) / Double(s.total) * 100).rounded(.down))
        var parts = ["[\(percent)%] \(s.done)/\(s.total) stages"]
        let running = s.running.sorted { $0.value.started < $1.value.started }
        if !running.isEmpty {
            let shown = running.prefix(2).map { name, r -> String in
                let elapsed = now.timeIntervalSince(r.started)
                if let f = r.fraction { return "\(name) \(Int(f * 100))%" }
                return "\(name) \(duration(elapsed))"
            }
            parts.append("running " + shown.joined(separator: ", ") + (running.count > 2 ? " +\(running.count - 2)" : ""))
        }
        if let eta = eta(s, now: now) { parts.append("ETA \(duration(eta))") }
        let text = parts.joined(separator: " · ")
        return text.count > 150 ? String(text.prefix(149)) + "…" : text
    }

    /// Remaining work divided by parallelism. A stage's cost is its own report, else its last
    /// run's time, else the mean of this run's finished stages.
    private static func eta(_ s: State, now: Date) -> Double? {
        let mean = s.durations.isEmpty ? nil : s.durations.reduce(0, +) / Double(s.durations.count)
        var remaining = 0.0
        for (_, r) in s.running {
            let elapsed = now.timeIntervalSince(r.started)
            if let f = r.fraction, f > 0.02 { remaining += elapsed * (1 - f) / f }
            else if let e = r.estimate ?? mean { remaining += max(0, e - elapsed) }
            else { return nil }
        }
        let waiting = s.total - s.done - s.running.count
        if waiting > 0 {
            guard let mean else { return s.running.isEmpty ? nil : nil }
            remaining += Double(waiting) * mean
        }
        return remaining / Double(s.jobs)
    }

    private static func counter(_ s: State) -> String {
        let width = String(s.total).count
        let done = String(s.done)
        return String(repeating: " ", count: max(0, width - done.count)) + done + "/\(s.total)"
    }

    /// `0.12 s`, `4.3 s`, `2:05`, `1:02:05`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.2g s", seconds) }
        if seconds < 60 { return String(format: "%.0f s", seconds) }
        let total = Int(seconds.rounded())
        let h = total / 3600, m = (total % 3600) / 60, sec = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%d:%02d", m, sec)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
