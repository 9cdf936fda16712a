import CHDF5

/// An open HDF5 identifier, closed (under the library lock) when the last reference goes.
final class ObjectHandle: @unchecked Sendable {
    // @unchecked: the id is immutable and every use of it goes through HDF5Library's lock.
    let id: hid_t
    private let close: (hid_t) -> herr_t

    init(_ id: hid_t, close: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.close = close
    }

    deinit { HDF5Library.locked { _ = close(id) } }
}
