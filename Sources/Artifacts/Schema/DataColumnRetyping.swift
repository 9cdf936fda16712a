import Foundation

extension DataColumn {
    /// Another schema's column in this one, under the same name, units, label and description,
    /// over `axes` of this schema: a gather stacks its rows' columns over a new outer axis, and
    /// keeps its rows' axis (pass none), so each name stays declared once, in the row's schema.
    public init<Row>(_ column: DataColumn<Row>, over axes: [DataColumn<Schema>] = []) {
        precondition(axes.allSatisfy(\.isAxis), "\(column.name) is retyped over a column that is not an axis")
        self.init(name: column.name, dimensions: column.isAxis ? [] : axes.map(\.name), isAxis: column.isAxis,
                  units: column.units, label: column.label, description: column.description)
    }

    /// The same variable stored over `axis` where it is declared over `declared`: a schema whose
    /// rows are one of two axes (depth or σ_b²) declares its variables over one, and writes and
    /// reads the other kind of file through this.
    public func replacing(_ declared: DataColumn<Schema>, with axis: DataColumn<Schema>) -> DataColumn<Schema> {
        precondition(axis.isAxis && declared.isAxis, "only an axis replaces an axis")
        return DataColumn(name: name, dimensions: dimensions.map { $0 == declared.name ? axis.name : $0 }, isAxis: isAxis,
                          units: units, label: label, description: description)
    }

    private init(name: String, dimensions: [String], isAxis: Bool, units: String, label: String, description: String) {
        self.name = name
        self.dimensions = dimensions
        self.isAxis = isAxis
        self.units = units
        self.label = label
        self.description = description
    }
}

extension LabelledData {
    /// Adds a schema's variable with a description that names its parameters ("ξ_c at σ_b² =
    /// 0.05"): the column declares the name, axes and units, the producer the sentence.
    public mutating func add<S>(variable column: DataColumn<S>, values: [Double], describedAs description: String) {
        precondition(!column.isAxis, "\(column.name) is an axis; use add(_:values:)")
        addVariable(column.name, over: column.dimensions, values: values, units: column.units, description: description)
    }
}
