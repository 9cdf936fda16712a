import BLASThreads
import Dispatch

/// Runs `body(m)` for every network m in 0..<count on `threads` workers and returns the results in
/// network order. Network m always uses its own Gaussian stream, so the results do not depend on
/// `threads`. OpenBLAS is held at one thread meanwhile (the parallelism is over networks; see
/// ``SingleThreadedBLAS``).
func forEachNetwork<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let workers = max(1, min(threads, count))
    let box = ResultBox<T>(count: count)
    SingleThreadedBLAS.run {
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var m = worker
            while m < count {
                do { box.set(m, .success(try body(m))) } catch { box.set(m, .failure(error)) }
                m += workers
            }
        }
    }
    return try box.values()
}

/// Per-network result slots written by disjoint workers.
final class ResultBox<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLockLike()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<T, Error>) { lock.withLock { slots[i] = value } }
    func values() throws -> [T] { try slots.map { try $0!.get() } }
}

import Foundation
typealias NSLockLike = NSLock

/// The number of worker threads to use by default: the active processor count.
public var defaultThreadCount: Int { ProcessInfo.processInfo.activeProcessorCount }
