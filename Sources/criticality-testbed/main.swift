import BLASKernel
import BuiltSources
import CriticalityCLI
import Pipeline
import Pipelines

// The shipped CLI plus the engine's self-test pipelines (slow stages to interrupt and kill, a
// 999-cell graph for the engine benchmark), for the end-to-end tests and `make bench` only;
// `criticality` itself never declares them.
KernelCorrection.applyAtStartup()
SourceTree.useBuiltTable(BuiltSources.table)
AdditionalPipelines.register([selftest, synthetic])
Criticality.main()
