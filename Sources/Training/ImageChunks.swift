/// A batch walked in consecutive runs of whole images, so a convolution's scratch matrices
/// (im2col's columns, Winograd's V and M) are built and consumed a cache-sized run at a time.
enum ImageChunks {
    /// Runs `body(first, count)` over consecutive runs of at most `imagesPerChunk` images covering `batch`.
    @inline(__always)
    static func forEach(batch: Int, imagesPerChunk: Int, _ body: (_ first: Int, _ count: Int) -> Void) {
        var first = 0
        while first < batch {
            let count = min(imagesPerChunk, batch - first)
            body(first, count)
            first += count
        }
    }
}
