import Foundation
import Pipeline

/// The last check before a store file is published in a report or an archive: its bytes must
/// still hash to the SHA-256 its manifest recorded. The store re-hashes outputs only when a run
/// looks them up, so a file damaged since (a disk error, a stray edit) would otherwise be shipped
/// and certified under a manifest that describes other bytes.
enum StoreFileCheck {
    /// Throws ``ReportingError/damagedStoreFile(stage:file:key:rerun:)`` unless `digest` (of the
    /// bytes about to be published) is `manifest`'s digest for `file`.
    static func require(_ digest: String, file: String, of stage: StageProvenance, manifest: Manifest, profile: Profile) throws {
        guard digest == manifest.outputs[file]?.sha256 else {
            throw ReportingError.damagedStoreFile(stage: stage.stage, file: file, key: manifest.key,
                                                  rerun: "criticality run \(stage.pipeline) --profile \(profile)")
        }
    }
}
