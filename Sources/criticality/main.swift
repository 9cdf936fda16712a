import BLASKernel
import CriticalityCLI

// First, before anything touches BLAS: OpenBLAS chose its kernel when the library loaded, and a
// generic one on a CPU that supports better means a restart with OPENBLAS_CORETYPE set.
KernelCorrection.applyAtStartup()
Criticality.main()
