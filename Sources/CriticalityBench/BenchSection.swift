/// The benchmark tables `make bench` can print.
enum BenchSection: String, CaseIterable {
    case engine
    case hashing
    case training
    case trainability
    case slurm
    case simulation
    case meanfield

    func run() throws -> String {
        switch self {
        case .engine: return try EngineBenchmark().run()
        case .hashing: return try HashingBenchmark().run()
        case .training: return try TrainingBenchmark().run()
        case .trainability: return try TrainabilityBenchmark().run()
        case .slurm: return try SlurmBenchmark().run()
        case .simulation: return try SimulationBenchmark().run()
        case .meanfield: return try MeanFieldGridBenchmark().run()
        }
    }
}
