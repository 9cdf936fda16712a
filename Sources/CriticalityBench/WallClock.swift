import Dispatch

/// Wall seconds a piece of work takes (monotonic clock), for the bench tables.
func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now()
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
