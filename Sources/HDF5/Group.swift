import CHDF5
import Foundation

/// A group: a folder of datasets and groups inside a file.
public final class Group: AttributeHolder, @unchecked Sendable {
    // @unchecked: immutable after init; every C call is serialised by HDF5Library's lock.
    /// The file it belongs to (kept open while the group is).
    public let file: File
    /// Its path in the file, e.g. `/` or `/cells`.
    public let path: String
    let handle: ObjectHandle

    init(file: File, path: String, handle: ObjectHandle) {
        self.file = file
        self.path = path
        self.handle = handle
    }

    public var objectID: hid_t { handle.id }

    func childPath(_ name: String) -> String { path == "/" ? "/" + name : path + "/" + name }

    /// Creates a subgroup (no time stamps, so files stay byte-deterministic).
    @discardableResult
    public func createGroup(_ name: String) throws -> Group {
        let child = childPath(name)
        return try HDF5Library.locked {
            let gcpl = try HDF5Library.check("create group", file: file.path, object: child) { H5Pcreate(ch5_p_group_create()) }
            defer { H5Pclose(gcpl) }
            try HDF5Library.check("create group", file: file.path, object: child) { H5Pset_obj_track_times(gcpl, false) }
            let id = try HDF5Library.check("create group", file: file.path, object: child) {
                H5Gcreate2(handle.id, name, ch5_p_default(), gcpl, ch5_p_default())
            }
            return Group(file: file, path: child, handle: ObjectHandle(id, close: H5Gclose))
        }
    }

    /// Opens a subgroup.
    public func group(_ name: String) throws -> Group {
        let child = childPath(name)
        try requireMember(name, kind: "group")
        let id = try HDF5Library.check("open group", file: file.path, object: child) { H5Gopen2(handle.id, name, ch5_p_default()) }
        return Group(file: file, path: child, handle: ObjectHandle(id, close: H5Gclose))
    }

    /// Names of the group's members, sorted.
    public func memberNames() throws -> [String] {
        try HDF5Library.locked {
            var names: [String] = []
            var index: hsize_t = 0
            let status = withUnsafeMutablePointer(to: &names) { pointer in
                H5Literate(handle.id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, context in
                    guard let name, let context else { return 0 }
                    context.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
                    return 0
                }, pointer)
            }
            if status < 0 { throw HDF5Library.error("list members of", file: file.path, object: path) }
            return names.sorted()
        }
    }

    /// True if the group has a member called `name`.
    public func contains(_ name: String) throws -> Bool {
        try HDF5Library.locked {
            let exists = H5Lexists(handle.id, name, ch5_p_default())
            if exists < 0 { H5Eclear2(ch5_e_default()); return false }
            return exists > 0
        }
    }

    func requireMember(_ name: String, kind: String) throws {
        guard try contains(name) else {
            let members = (try? memberNames()) ?? []
            throw HDF5Error(operation: "open \(kind)", file: file.path, object: childPath(name), detail: "no such \(kind)",
                            hint: "\(path) holds: \(members.isEmpty ? "nothing" : members.joined(separator: ", "))")
        }
    }
}
