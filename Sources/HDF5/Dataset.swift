import CHDF5
import Foundation

/// An N-dimensional array of numbers in a file, stored row-major (C order) as h5py and NumPy
/// expect.
public final class Dataset: AttributeHolder, @unchecked Sendable {
    // @unchecked: immutable after init; every C call is serialised by HDF5Library's lock.
    /// The file it belongs to.
    public let file: File
    /// Its path in the file, e.g. `/xi_c`.
    public let path: String
    let handle: ObjectHandle

    init(file: File, path: String, handle: ObjectHandle) {
        self.file = file
        self.path = path
        self.handle = handle
    }

    public var objectID: hid_t { handle.id }

    /// The extent of each dimension.
    public var shape: [Int] {
        get throws {
            try HDF5Library.locked {
                let space = try HDF5Library.check("read the shape of", file: file.path, object: path) { H5Dget_space(handle.id) }
                defer { H5Sclose(space) }
                let rank = Int(H5Sget_simple_extent_ndims(space))
                var dims = [hsize_t](repeating: 0, count: max(rank, 1))
                H5Sget_simple_extent_dims(space, &dims, nil)
                return rank == 0 ? [] : dims.prefix(rank).map(Int.init)
            }
        }
    }

    /// The stored element type, e.g. "Float64" or "Int32".
    public var elementTypeName: String {
        get throws {
            try HDF5Library.locked {
                let type = try HDF5Library.check("read the type of", file: file.path, object: path) { H5Dget_type(handle.id) }
                defer { H5Tclose(type) }
                let size = H5Tget_size(type)
                switch H5Tget_class(type) {
                case H5T_FLOAT: return "Float\(size * 8)"
                case H5T_INTEGER: return "Int\(size * 8)"
                case H5T_STRING: return "String"
                default: return "other"
                }
            }
        }
    }

    /// Reads every element as `T`. The stored type must be of the same kind and size: reading a
    /// Float32 dataset as Double is refused rather than silently converted.
    public func read<T: HDF5Element>(as type: T.Type = T.self) throws -> [T] {
        try HDF5Library.locked {
            let fileType = try HDF5Library.check("read", file: file.path, object: path) { H5Dget_type(handle.id) }
            defer { H5Tclose(fileType) }
            guard H5Tget_class(fileType) == T.typeClass, H5Tget_size(fileType) == T.size else {
                throw HDF5Error(operation: "read", file: file.path, object: path,
                                detail: "it stores \(try elementTypeName), not \(T.typeName)",
                                hint: "Read it as \(try elementTypeName)")
            }
            let count = try shape.reduce(1, *)
            var values = [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
            try values.withUnsafeMutableBytes { buffer in
                try HDF5Library.check("read", file: file.path, object: path) {
                    H5Dread(handle.id, T.memoryType, ch5_s_all(), ch5_s_all(), ch5_p_default(), buffer.baseAddress)
                }
            }
            return values
        }
    }
}

extension Group {
    /// Writes a new dataset `name` holding `values` with `shape` (row-major; the product of the
    /// shape must equal the count). Time tracking is off so files are byte-deterministic.
    @discardableResult
    public func write<T: HDF5Element>(_ values: [T], shape: [Int], name: String) throws -> Dataset {
        let child = childPath(name)
        guard shape.reduce(1, *) == values.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw HDF5Error(operation: "write dataset", file: file.path, object: child,
                            detail: "shape \(shape) holds \(shape.reduce(1, *)) elements but \(values.count) were given",
                            hint: "Pass a shape whose product is the number of values")
        }
        return try HDF5Library.locked {
            let dims = shape.map { hsize_t($0) }
            // An empty shape is a scalar (one value), as in h5py.
            let space = try HDF5Library.check("write dataset", file: file.path, object: child) {
                dims.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), dims, nil)
            }
            defer { H5Sclose(space) }
            let dcpl = try HDF5Library.check("write dataset", file: file.path, object: child) { H5Pcreate(ch5_p_dataset_create()) }
            defer { H5Pclose(dcpl) }
            try HDF5Library.check("write dataset", file: file.path, object: child) { H5Pset_obj_track_times(dcpl, false) }
            let id = try HDF5Library.check("write dataset", file: file.path, object: child,
                                           hint: try contains(name) ? "A member named \(name) already exists" : nil) {
                H5Dcreate2(handle.id, name, T.memoryType, space, ch5_p_default(), dcpl, ch5_p_default())
            }
            let dataset = Dataset(file: file, path: child, handle: ObjectHandle(id, close: H5Dclose))
            try values.withUnsafeBytes { buffer in
                try HDF5Library.check("write dataset", file: file.path, object: child) {
                    H5Dwrite(id, T.memoryType, ch5_s_all(), ch5_s_all(), ch5_p_default(), buffer.baseAddress)
                }
            }
            return dataset
        }
    }

    /// Opens an existing dataset.
    public func dataset(_ name: String) throws -> Dataset {
        let child = childPath(name)
        try requireMember(name, kind: "dataset")
        let id = try HDF5Library.check("open dataset", file: file.path, object: child) { H5Dopen2(handle.id, name, ch5_p_default()) }
        return Dataset(file: file, path: child, handle: ObjectHandle(id, close: H5Dclose))
    }
}
