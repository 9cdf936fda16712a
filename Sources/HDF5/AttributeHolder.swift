import CHDF5
import Foundation

/// Groups and datasets carry attributes: units, descriptions, parameters as JSON, keys.
public protocol AttributeHolder {
    /// The file the object lives in.
    var file: File { get }
    /// The object's path in the file.
    var path: String { get }
    /// The open object's HDF5 id.
    var objectID: hid_t { get }
}

extension AttributeHolder {
    /// Sets (or replaces) attribute `name`.
    public func setAttribute(_ name: String, _ value: AttributeValue) throws {
        let where_ = "\(path)@\(name)"
        try HDF5Library.locked {
            if H5Aexists(objectID, name) > 0 { H5Adelete(objectID, name) }
            switch value {
            case .string(let text):
                let type = try HDF5Library.check("write attribute", file: file.path, object: where_) { H5Tcopy(ch5_t_c_s1()) }
                defer { H5Tclose(type) }
                H5Tset_size(type, ch5_t_variable())
                H5Tset_cset(type, H5T_CSET_UTF8)
                try writeAttribute(name, type: type, dims: nil, where_: where_) { attribute in
                    text.withCString { pointer in
                        var pointers: [UnsafePointer<CChar>?] = [pointer]
                        return H5Awrite(attribute, type, &pointers)
                    }
                }
            case .double(let number):
                var copy = number
                try writeAttribute(name, type: Double.memoryType, dims: nil, where_: where_) { H5Awrite($0, Double.memoryType, &copy) }
            case .int(let number):
                var copy = Int64(number)
                try writeAttribute(name, type: Int64.memoryType, dims: nil, where_: where_) { H5Awrite($0, Int64.memoryType, &copy) }
            case .doubles(let numbers):
                try writeAttribute(name, type: Double.memoryType, dims: [numbers.count], where_: where_) { attribute in
                    numbers.withUnsafeBytes { H5Awrite(attribute, Double.memoryType, $0.baseAddress) }
                }
            case .ints(let numbers):
                let wide = numbers.map(Int64.init)
                try writeAttribute(name, type: Int64.memoryType, dims: [wide.count], where_: where_) { attribute in
                    wide.withUnsafeBytes { H5Awrite(attribute, Int64.memoryType, $0.baseAddress) }
                }
            }
        }
    }

    private func writeAttribute(_ name: String, type: hid_t, dims: [Int]?, where_: String, _ write: (hid_t) -> herr_t) throws {
        let space: hid_t
        if let dims {
            let extents = dims.map { hsize_t($0) }
            space = try HDF5Library.check("write attribute", file: file.path, object: where_) { H5Screate_simple(1, extents, nil) }
        } else {
            space = try HDF5Library.check("write attribute", file: file.path, object: where_) { H5Screate(H5S_SCALAR) }
        }
        defer { H5Sclose(space) }
        let attribute = try HDF5Library.check("write attribute", file: file.path, object: where_) {
            H5Acreate2(objectID, name, type, space, ch5_p_default(), ch5_p_default())
        }
        defer { H5Aclose(attribute) }
        try HDF5Library.check("write attribute", file: file.path, object: where_) { write(attribute) }
    }

    /// Reads attribute `name`.
    public func attribute(_ name: String) throws -> AttributeValue {
        let where_ = "\(path)@\(name)"
        return try HDF5Library.locked {
            guard H5Aexists(objectID, name) > 0 else {
                let known = (try? attributeNames()) ?? []
                throw HDF5Error(operation: "read attribute", file: file.path, object: where_, detail: "no such attribute",
                                hint: "\(path) has: \(known.isEmpty ? "no attributes" : known.joined(separator: ", "))")
            }
            let attribute = try HDF5Library.check("read attribute", file: file.path, object: where_) { H5Aopen(objectID, name, ch5_p_default()) }
            defer { H5Aclose(attribute) }
            let type = try HDF5Library.check("read attribute", file: file.path, object: where_) { H5Aget_type(attribute) }
            defer { H5Tclose(type) }
            let space = try HDF5Library.check("read attribute", file: file.path, object: where_) { H5Aget_space(attribute) }
            defer { H5Sclose(space) }
            let count = Int(H5Sget_simple_extent_npoints(space))
            let scalar = H5Sget_simple_extent_ndims(space) == 0
            switch H5Tget_class(type) {
            case H5T_STRING:
                if H5Tis_variable_str(type) > 0 {
                    let memory = H5Tcopy(ch5_t_c_s1())
                    defer { H5Tclose(memory) }
                    H5Tset_size(memory, ch5_t_variable())
                    H5Tset_cset(memory, H5Tget_cset(type))
                    var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: max(count, 1))
                    try HDF5Library.check("read attribute", file: file.path, object: where_) { H5Aread(attribute, memory, &pointers) }
                    let text = pointers[0].map { String(cString: $0) } ?? ""
                    H5Dvlen_reclaim(memory, space, ch5_p_default(), &pointers)
                    return .string(text)
                }
                let size = H5Tget_size(type)
                var bytes = [UInt8](repeating: 0, count: size * max(count, 1))
                try HDF5Library.check("read attribute", file: file.path, object: where_) { H5Aread(attribute, type, &bytes) }
                return .string(String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self))
            case H5T_FLOAT:
                var values = [Double](repeating: 0, count: max(count, 1))
                try HDF5Library.check("read attribute", file: file.path, object: where_) { H5Aread(attribute, Double.memoryType, &values) }
                return scalar ? .double(values[0]) : .doubles(values)
            case H5T_INTEGER:
                var values = [Int64](repeating: 0, count: max(count, 1))
                try HDF5Library.check("read attribute", file: file.path, object: where_) { H5Aread(attribute, Int64.memoryType, &values) }
                return scalar ? .int(Int(values[0])) : .ints(values.map(Int.init))
            default:
                throw HDF5Error(operation: "read attribute", file: file.path, object: where_,
                                detail: "its type is neither a string nor a number", hint: nil)
            }
        }
    }

    /// Names of the object's attributes, sorted.
    public func attributeNames() throws -> [String] {
        try HDF5Library.locked {
            let count = H5Aget_num_attrs(objectID)
            guard count >= 0 else { throw HDF5Library.error("list attributes of", file: file.path, object: path) }
            var names: [String] = []
            for index in 0..<count {
                let length = H5Aget_name_by_idx(objectID, ".", H5_INDEX_NAME, H5_ITER_INC, hsize_t(index), nil, 0, ch5_p_default())
                guard length >= 0 else { continue }
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                H5Aget_name_by_idx(objectID, ".", H5_INDEX_NAME, H5_ITER_INC, hsize_t(index), &buffer, buffer.count, ch5_p_default())
                names.append(String(cString: buffer))
            }
            return names.sorted()
        }
    }
}
