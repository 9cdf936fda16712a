import Pipeline

extension CodeDependency {
    /// The code a simulation stage's numbers depend on: `Sources/Simulation`, the C kernel of its
    /// Gaussian generator and the BLAS thread pinning (modules of their own, so they must be
    /// named) and the mean-field theory Simulation imports. Editing any of them reruns the
    /// simulations.
    static let simulation: [CodeDependency] = [.module("Simulation"), .module("CPhiloxGaussian"), .module("BLASThreads"), .module("MeanField")]
}
