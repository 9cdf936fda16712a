/// Labelled images as stored on disk: 8-bit pixels, NHWC (row, column, channel; channel fastest),
/// one label byte per image. Pixels stay bytes until a batch is gathered, so a 60 000-image
/// set costs 47 MB rather than 188 MB and loading does no per-pixel float work.
public struct ImageSet: Sendable {
    /// `count · height · width · channels` bytes.
    public var pixels: [UInt8]
    /// One class index per image.
    public var labels: [UInt8]
    /// Shape of one image.
    public var shape: FeatureShape

    /// Wraps pixel and label arrays whose sizes agree with `shape`.
    public init(pixels: [UInt8], labels: [UInt8], shape: FeatureShape) {
        precondition(pixels.count == labels.count * shape.count, "pixel count does not match labels × shape")
        self.pixels = pixels
        self.labels = labels
        self.shape = shape
    }

    /// Number of images.
    public var count: Int { labels.count }

    /// The first `n` images (all of them when n ≥ count).
    public func prefix(_ n: Int) -> ImageSet {
        let k = min(n, count)
        return ImageSet(pixels: Array(pixels[0..<(k * shape.count)]), labels: Array(labels[0..<k]), shape: shape)
    }
}

/// A training and a test set of one data set.
public struct DataSplit: Sendable {
    /// The data set's command-line name.
    public var name: String
    /// Training images.
    public var train: ImageSet
    /// Test images (accuracy is reported on all of them).
    public var test: ImageSet
    /// Number of classes (10 for all known sets).
    public var classes: Int

    /// A split of `classes` classes.
    public init(name: String, train: ImageSet, test: ImageSet, classes: Int = 10) {
        self.name = name; self.train = train; self.test = test; self.classes = classes
    }
}
