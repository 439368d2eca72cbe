import LakeFormats

/// Everything the no-op path needs from the catalog, read in one bulk load.
///
/// The engine compares this with one directory walk; no further catalog query is needed to
/// decide that nothing changed.
public struct CatalogState: Sendable, Equatable {
    /// Every recorded file by lake-relative path.
    public var files: ByteExactDictionary<FileRecord>
    /// Every target, ordered by when it was first recorded.
    public var targets: [TargetRecord]
    /// Index into `targets` for every output path of every target (primary and secondary).
    public var targetIndexByOutput: ByteExactDictionary<Int>
    /// False when the targets' `inputs` were not read (`loadState(inputs: false)`): they are
    /// empty here, not recorded as empty.
    public var inputsLoaded: Bool

    public init(files: ByteExactDictionary<FileRecord>, targets: [TargetRecord], targetIndexByOutput: ByteExactDictionary<Int>, inputsLoaded: Bool = true) {
        self.files = files
        self.targets = targets
        self.targetIndexByOutput = targetIndexByOutput
        self.inputsLoaded = inputsLoaded
    }

    /// The target whose outputs include `path`, if any.
    public func target(producing path: String) -> TargetRecord? {
        targetIndexByOutput[path].map { targets[$0] }
    }
}
