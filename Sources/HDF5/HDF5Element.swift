import CHDF5

/// A number type stored as an HDF5 native type: Double, Float, Int64, Int32, and Int (as 64-bit).
public protocol HDF5Element: Sendable {
    /// The HDF5 memory type for this Swift type.
    static var memoryType: hid_t { get }
    /// The HDF5 type class and size this type reads from without conversion.
    static var typeClass: H5T_class_t { get }
    static var size: Int { get }
    /// A readable name for messages ("Float64").
    static var typeName: String { get }
}

extension Double: HDF5Element {
    public static var memoryType: hid_t { ch5_t_native_double() }
    public static var typeClass: H5T_class_t { H5T_FLOAT }
    public static var size: Int { 8 }
    public static var typeName: String { "Float64" }
}

extension Float: HDF5Element {
    public static var memoryType: hid_t { ch5_t_native_float() }
    public static var typeClass: H5T_class_t { H5T_FLOAT }
    public static var size: Int { 4 }
    public static var typeName: String { "Float32" }
}

extension Int64: HDF5Element {
    public static var memoryType: hid_t { ch5_t_native_int64() }
    public static var typeClass: H5T_class_t { H5T_INTEGER }
    public static var size: Int { 8 }
    public static var typeName: String { "Int64" }
}

extension Int32: HDF5Element {
    public static var memoryType: hid_t { ch5_t_native_int32() }
    public static var typeClass: H5T_class_t { H5T_INTEGER }
    public static var size: Int { 4 }
    public static var typeName: String { "Int32" }
}

extension Int: HDF5Element {
    public static var memoryType: hid_t { ch5_t_native_int64() }
    public static var typeClass: H5T_class_t { H5T_INTEGER }
    public static var size: Int { 8 }
    public static var typeName: String { "Int64" }
}
