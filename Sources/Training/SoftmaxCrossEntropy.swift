import Foundation

/// Softmax followed by the negative log-likelihood of the true class, averaged over the batch.
/// Computed with the max-shifted log-sum-exp so large logits do not overflow; sums in Double so
/// the reported loss does not depend on the batch's summation order beyond Float32 rounding.
enum SoftmaxCrossEntropy {
    /// The mean loss and the number of examples whose largest logit is the label. When
    /// `gradient` is given it receives ∂loss/∂logits = (softmax − onehot)/batch.
    /// A non-finite logit row counts as wrong and makes the loss non-finite.
    static func evaluate(logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, batch: Int, classes: Int,
                         gradient: UnsafeMutablePointer<Float>?) -> (loss: Double, correct: Int) {
        let sums = sum(logits: logits, labels: labels, rows: batch, classes: classes, gradient: gradient, batch: batch)
        return (sums.loss / Double(batch), sums.correct)
    }

    /// ``evaluate(logits:labels:batch:classes:gradient:)`` for `rows` examples that are one slice
    /// of a batch of `batch`: the summed (not averaged) loss, and the gradient of the whole
    /// batch's mean loss, (softmax − onehot)/batch, so slices computed on different threads add up
    /// to the gradient of the full batch.
    static func sum(logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int, classes: Int,
                    gradient: UnsafeMutablePointer<Float>?, batch: Int) -> (loss: Double, correct: Int) {
        var total = 0.0
        var correct = 0
        let scale = 1 / Float(batch)
        for n in 0..<rows {
            let row = logits + n * classes
            let label = Int(labels[n])
            var best = 0
            var maximum = row[0]
            for k in 1..<classes where row[k] > maximum { maximum = row[k]; best = k }
            if best == label, maximum.isFinite { correct += 1 }
            var sum: Float = 0
            for k in 0..<classes { sum += exp(row[k] - maximum) }
            let logSum = log(sum) + maximum
            total += Double(logSum - row[label])
            if let gradient {
                let g = gradient + n * classes
                for k in 0..<classes { g[k] = exp(row[k] - logSum) * scale }
                g[label] -= scale
            }
        }
        return (total, correct)
    }
}
