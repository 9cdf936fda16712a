import CHDF5
import Foundation

/// An HDF5 file.
///
/// Files we create are byte-deterministic: object time tracking is off for the root group,
/// groups and datasets, and the library version bounds are fixed, so writing the same data in
/// the same order gives the same bytes (which lets the pipeline engine stop a rerun that changed
/// nothing from rerunning its consumers).
///
/// ```swift
/// let file = try HDF5.File.create(at: url)
/// let x = try file.root.write([0.0, 0.5, 1.0], shape: [3], name: "sigma_w2")
/// try x.setAttribute("units", .string("1"))
/// ```
public final class File: @unchecked Sendable {
    // @unchecked: immutable after init; every C call is serialised by HDF5Library's lock.
    /// The file's path.
    public let path: String
    let handle: ObjectHandle

    private init(path: String, id: hid_t) {
        self.path = path
        self.handle = ObjectHandle(id, close: H5Fclose)
    }

    /// Creates (or truncates) a file.
    public static func create(at url: URL) throws -> File {
        let path = url.path
        return try HDF5Library.locked {
            let fcpl = try HDF5Library.check("create", file: path) { H5Pcreate(ch5_p_file_create()) }
            defer { H5Pclose(fcpl) }
            try HDF5Library.check("create", file: path) { H5Pset_obj_track_times(fcpl, false) }
            let fapl = try HDF5Library.check("create", file: path) { H5Pcreate(ch5_p_file_access()) }
            defer { H5Pclose(fapl) }
            try HDF5Library.check("create", file: path) { H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18) }
            let id = try HDF5Library.check("create", file: path,
                                           hint: "Check that the folder exists and is writable") {
                H5Fcreate(path, ch5_f_acc_trunc(), fcpl, fapl)
            }
            return File(path: path, id: id)
        }
    }

    /// Opens an existing file, read-only unless `writable`.
    public static func open(at url: URL, writable: Bool = false) throws -> File {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw HDF5Error(operation: "open", file: path, object: "", detail: "no such file",
                            hint: "Check the path, or run the stage that writes it")
        }
        return try HDF5Library.locked {
            if H5Fis_hdf5(path) <= 0 {
                H5Eclear2(ch5_e_default())
                throw HDF5Error(operation: "open", file: path, object: "", detail: "not a valid HDF5 file (corrupt or truncated?)",
                                hint: "Delete it and recompute it, or restore it from the store")
            }
            let id = try HDF5Library.check("open", file: path) {
                H5Fopen(path, writable ? ch5_f_acc_rdwr() : ch5_f_acc_rdonly(), ch5_p_default())
            }
            return File(path: path, id: id)
        }
    }

    /// The root group `/`.
    public var root: Group {
        get throws {
            let id = try HDF5Library.check("open the root group of", file: path) { H5Gopen2(handle.id, "/", ch5_p_default()) }
            return Group(file: self, path: "/", handle: ObjectHandle(id, close: H5Gclose))
        }
    }

    /// Writes buffered data to disk (closing the file does this too).
    public func flush() throws {
        try HDF5Library.check("flush", file: path) { H5Fflush(handle.id, H5F_SCOPE_GLOBAL) }
    }
}
