/// A failure of the HDF5 library or of our use of it, naming the operation, the file and the
/// object, with HDF5's own innermost message and, where there is one, what to do.
public struct HDF5Error: Error, CustomStringConvertible, Equatable {
    /// What was being done, e.g. "open", "read dataset".
    public let operation: String
    /// The file's path.
    public let file: String
    /// The object's path inside the file (`/xi_c`), or "" for the file itself.
    public let object: String
    /// HDF5's message (innermost first), or our own.
    public let detail: String
    /// What to do about it, when known.
    public let hint: String?

    /// An error for `operation` on `object` in `file`.
    public init(operation: String, file: String, object: String, detail: String, hint: String?) {
        self.operation = operation
        self.file = file
        self.object = object
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        var text = "HDF5: cannot \(operation) \(object.isEmpty ? "" : "'\(object)' in ")\(file): \(detail)"
        if let hint { text += ". \(hint)" }
        return text
    }
}
