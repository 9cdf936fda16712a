import CHDF5

/// Coordinate axes as HDF5 dimension scales (the HDF5 high-level H5DS API), which h5py exposes
/// as `dset.dims[k][0]` and netCDF/xarray readers as labelled dimensions.
extension Dataset {
    /// Marks this 1-D dataset as a dimension scale called `name`.
    public func makeDimensionScale(name: String) throws {
        try HDF5Library.check("make a dimension scale of", file: file.path, object: path) { H5DSset_scale(handle.id, name) }
    }

    /// Attaches `scale` to dimension `dimension` of this dataset.
    public func attach(scale: Dataset, to dimension: Int) throws {
        let extent = try shape
        guard dimension >= 0, dimension < extent.count else {
            throw HDF5Error(operation: "attach a scale to", file: file.path, object: path,
                            detail: "it has \(extent.count) dimension(s), not a dimension \(dimension)", hint: nil)
        }
        let length = try scale.shape
        guard length == [extent[dimension]] else {
            throw HDF5Error(operation: "attach a scale to", file: file.path, object: path,
                            detail: "scale \(scale.path) has shape \(length) but dimension \(dimension) has length \(extent[dimension])",
                            hint: "Attach a 1-D scale of the dimension's length")
        }
        try HDF5Library.check("attach a scale to", file: file.path, object: path) {
            H5DSattach_scale(handle.id, scale.handle.id, UInt32(dimension))
        }
    }

    /// True if this dataset is a dimension scale.
    public var isDimensionScale: Bool { HDF5Library.locked { H5DSis_scale(handle.id) > 0 } }

    /// The paths of the scales attached to each dimension.
    public func attachedScales() throws -> [[String]] {
        try HDF5Library.locked {
            var result: [[String]] = []
            for dimension in 0..<(try shape.count) {
                var names: [String] = []
                var index: Int32 = 0
                let count = H5DSget_num_scales(handle.id, UInt32(dimension))
                guard count > 0 else { result.append([]); continue }
                _ = withUnsafeMutablePointer(to: &names) { pointer in
                    H5DSiterate_scales(handle.id, UInt32(dimension), &index, { _, _, scale, context in
                        guard let context else { return 0 }
                        let length = H5Iget_name(scale, nil, 0)
                        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                        H5Iget_name(scale, &buffer, buffer.count)
                        context.assumingMemoryBound(to: [String].self).pointee.append(String(cString: buffer))
                        return 0
                    }, pointer)
                }
                result.append(names)
            }
            return result
        }
    }
}
