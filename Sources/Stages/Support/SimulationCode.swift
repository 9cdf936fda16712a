import Pipeline

extension CodeDependency {
    /// The code a simulation stage's numbers depend on: `Sources/Simulation`, the C kernel of its
    /// Gaussian generator (a module of its own, so it must be named) and the mean-field theory
    /// Simulation imports. Editing any of them reruns the simulations.
    static let simulation: [CodeDependency] = [.module("Simulation"), .module("CPhiloxGaussian"), .module("MeanField")]
}
