import Foundation

/// The data sets the trainer can load by name.
public enum Dataset: String, CaseIterable, Sendable, Codable {
    /// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017), IDX files; Debian `dataset-fashion-mnist`.
    case fashionMNIST = "fashion-mnist"
    /// MNIST (LeCun et al.), IDX files (pass `--data-dir`).
    case mnist
    /// CIFAR-10 (Krizhevsky 2009), binary version (pass `--data-dir`).
    case cifar10

    /// Parses a command-line name, or throws ``TrainingError/unknownDataset(_:known:)``.
    public static func parse(_ name: String) throws -> Dataset {
        guard let value = Dataset(rawValue: name.lowercased()) else {
            throw TrainingError.unknownDataset(name, known: allCases.map(\.rawValue))
        }
        return value
    }

    /// Where the files are looked for without `--data-dir`.
    public var defaultDirectory: String {
        switch self {
        case .fashionMNIST: return "/usr/share/datasets/fashion-mnist"
        case .mnist: return "/usr/share/datasets/mnist"
        case .cifar10: return "/usr/share/datasets/cifar-10-batches-bin"
        }
    }

    /// Loads the training and test sets from `directory` (default ``defaultDirectory``).
    /// IDX sets use the standard file names, with or without `.gz`; CIFAR-10 uses
    /// `data_batch_1.bin` … `data_batch_5.bin` and `test_batch.bin`.
    public func load(directory: String? = nil) throws -> DataSplit {
        let folder = directory ?? defaultDirectory
        switch self {
        case .fashionMNIST, .mnist:
            let train = try Dataset.idxSet(folder, images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte")
            let test = try Dataset.idxSet(folder, images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte")
            try Dataset.checkShapes(train: train, test: test, testPath: Dataset.idxPath(folder, "t10k-images-idx3-ubyte"))
            return DataSplit(name: rawValue, train: train, test: test)
        case .cifar10:
            var train = try CIFAR10Reader.read(Dataset.path(folder, "data_batch_1.bin"))
            for k in 2...5 {
                let part = try CIFAR10Reader.read(Dataset.path(folder, "data_batch_\(k).bin"))
                train.pixels += part.pixels
                train.labels += part.labels
            }
            let test = try CIFAR10Reader.read(Dataset.path(folder, "test_batch.bin"))
            return DataSplit(name: rawValue, train: train, test: test)
        }
    }

    /// The network's input layer is sized by the training images: test images of another shape
    /// would be read past their end (or scored on a slice of each image), and an empty set gives
    /// no accuracy at all.
    static func checkShapes(train: ImageSet, test: ImageSet, testPath: String) throws {
        guard train.shape == test.shape else {
            throw TrainingError.malformedFile(path: testPath, reason: "test images are \(test.shape.height)×\(test.shape.width)×\(test.shape.channels), training images \(train.shape.height)×\(train.shape.width)×\(train.shape.channels); both sets must have one image shape")
        }
        guard train.count > 0, test.count > 0, train.shape.count > 0 else {
            throw TrainingError.malformedFile(path: testPath, reason: "\(train.count) training and \(test.count) test images of \(train.shape.count) pixels; a data set needs images in both")
        }
    }

    private static func path(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    /// The `.gz` file when present, else the plain one (whose absence the reader reports).
    private static func idxPath(_ folder: String, _ name: String) -> String {
        let gz = path(folder, name + ".gz")
        return FileManager.default.fileExists(atPath: gz) ? gz : path(folder, name)
    }

    private static func idxSet(_ folder: String, images: String, labels: String) throws -> ImageSet {
        let imagePath = idxPath(folder, images), labelPath = idxPath(folder, labels)
        let image = try IDXReader.readImages(imagePath)
        let label = try IDXReader.readLabels(labelPath)
        guard label.count == image.count else {
            throw TrainingError.malformedFile(path: labelPath, reason: "\(label.count) labels for \(image.count) images in \(imagePath)")
        }
        if let bad = label.first(where: { $0 >= 10 }) {
            throw TrainingError.malformedFile(path: labelPath, reason: "label \(bad) outside 0…9")
        }
        return ImageSet(pixels: image.pixels, labels: label,
                        shape: FeatureShape(height: image.rows, width: image.columns, channels: 1))
    }
}
