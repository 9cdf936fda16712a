import Pipeline

extension JacobianSpectraFigure.Parameters: CheckedParameters {
    /// A histogram needs at least one bin (0 indexed bin −1 and trapped), and no more than an
    /// axis may have.
    public func check() throws {
        guard bins >= 1, bins <= ParameterAxis.maximumCount else {
            throw ParameterCheckError("bins \(bins); give 1 to \(ParameterAxis.maximumCount) histogram bins")
        }
    }
}
