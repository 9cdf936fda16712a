import BuiltSources
import CriticalityCLI
import Pipeline

// Keys record the digests of the code this binary was built from, not of the checkout as it is now.
SourceTree.useBuiltTable(BuiltSources.table)
Criticality.main()
