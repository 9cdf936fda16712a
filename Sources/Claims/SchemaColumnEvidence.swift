import Artifacts

// The catalogue names what it reads through the schemas' columns, so a dataset's HDF5 name is
// written once (in its schema) and renaming or removing a column breaks the catalogue's build,
// not a verdict at run time.

extension Quantity {
    /// A schema's column, read element by element.
    public static func column<S>(_ column: DataColumn<S>) -> Quantity { .dataset(column.name) }

    /// |measured − predicted| / standard error, from three columns of one schema.
    public static func gap<S>(_ measured: DataColumn<S>, _ predicted: DataColumn<S>, standardError: DataColumn<S>) -> Quantity {
        .gap(measured: measured.name, predicted: predicted.name, standardError: standardError.name)
    }
}

extension Reference {
    /// A schema's column read at the same place as the evidence.
    public static func column<S>(_ column: DataColumn<S>) -> Reference { .dataset(column.name) }
}

extension Coordinate {
    /// The element at `value` on a schema's axis.
    public static func value<S>(_ axis: DataColumn<S>, _ value: Double) -> Coordinate { .value(axis.name, value) }
    /// The element at `index` on a schema's axis.
    public static func index<S>(_ axis: DataColumn<S>, _ index: Int) -> Coordinate { .index(axis.name, index) }
    /// The last element on a schema's axis.
    public static func last<S>(_ axis: DataColumn<S>) -> Coordinate { .last(axis.name) }
}

extension Evidence {
    /// Evidence whose interval's ends are two columns of the value's schema.
    public init<S>(stage: String, _ quantity: Quantity, at fixed: [Coordinate] = [], reduce reduction: Reduction = .element,
                   interval: (low: DataColumn<S>, high: DataColumn<S>)) {
        self.init(stage: stage, quantity, at: fixed, reduce: reduction, interval: (low: interval.low.name, high: interval.high.name))
    }
}
