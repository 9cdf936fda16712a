import Foundation

/// A library or program the stages ran with (HDF5, OpenBLAS, FFTW, gnuplot, the Swift toolchain),
/// as the crate describes it: its public address as id and url, and the version the stages'
/// manifests measured, never a version assumed.
struct ExternalTool: Equatable {
    /// The key of `RunEnvironment.libraries` it is measured under (`swift` for the toolchain).
    let key: String
    let name: String
    /// The project's public home page: the crate's id and url for it.
    let url: String
    let description: String

    /// The tools the crate knows how to name; a manifest key not listed here is not described.
    static let known: [ExternalTool] = [
        ExternalTool(key: "hdf5", name: "HDF5", url: "https://www.hdfgroup.org/solutions/hdf5/",
                     description: "the HDF5 library: every stage's labelled data files"),
        ExternalTool(key: "openblas", name: "OpenBLAS", url: "https://www.openblas.net/",
                     description: "BLAS for the simulations' and the training's matrix products"),
        ExternalTool(key: "fftw", name: "FFTW", url: "https://www.fftw.org/",
                     description: "the Fourier transforms of the lattice simulations (paper 003)"),
        ExternalTool(key: "gnuplot", name: "gnuplot", url: "http://www.gnuplot.info/",
                     description: "renders every figure from the script archived beside it"),
        ExternalTool(key: "swift", name: "Swift", url: "https://www.swift.org/",
                     description: "the Swift toolchain Criticality was built with"),
    ]

    /// The version as the tool reports it, without its name: `fftw-3.3.10-sse2-avx` → `3.3.10-sse2-avx`,
    /// `gnuplot 5.4 patchlevel 4` → `5.4 patchlevel 4`; OpenBLAS's configuration line is kept whole
    /// after its name, since its build options (DYNAMIC_ARCH, the core) are part of what ran.
    static func version(_ measured: String, of tool: ExternalTool) -> String {
        let trimmed = measured.trimmingCharacters(in: .whitespaces)
        for separator in [" ", "-"] {
            let prefix = tool.name.lowercased() + separator
            if trimmed.lowercased().hasPrefix(prefix) { return String(trimmed.dropFirst(prefix.count)) }
        }
        return trimmed
    }

    /// Each known tool with the versions the manifests record for it, in the table's order; a
    /// tool no manifest measured is left out (the crate states only what was measured).
    static func measured(_ environments: [(libraries: [String: String], swift: String)]) -> [(tool: ExternalTool, versions: [String])] {
        known.compactMap { tool in
            let values = Set(environments.compactMap { tool.key == "swift" ? $0.swift : $0.libraries[tool.key] })
            let versions = values.map { version($0, of: tool) }.filter { !$0.isEmpty }.sorted()
            return versions.isEmpty ? nil : (tool, versions)
        }
    }
}
