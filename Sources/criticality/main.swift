import CriticalityCLI

Criticality.main()
