import BLASKernel
import BuiltSources
import CriticalityCLI
import Pipeline

// First, before anything touches BLAS: OpenBLAS chose its kernel when the library loaded, and a
// generic one on a CPU that supports better means a restart with OPENBLAS_CORETYPE set.
KernelCorrection.applyAtStartup()
// Keys record the digests of the code this binary was built from, not of the checkout as it is now.
SourceTree.useBuiltTable(BuiltSources.table)
Criticality.main()
