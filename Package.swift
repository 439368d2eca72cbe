// swift-tools-version:6.2
// lakemake: make for a data lake. No package dependencies: Foundation, Glibc, the toolchain,
// and three system C libraries through module maps (plus Linux system calls without a glibc wrapper).
import PackageDescription

// SHA-256 uses the processor's SHA instructions when CPUID reports them; clang's intrinsics
// for them need these target features (they are called only after that check). Tools version
// 6.2 is what lets another package depend on LakeFormats with these flags.
#if arch(x86_64)
let shaExtensions: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-msha", "-Xcc", "-msse4.1"])]
#else
let shaExtensions: [SwiftSetting] = []
#endif

let package = Package(
    name: "lakemake",
    products: [
        .executable(name: "lakemake", targets: ["lakemake"]),
        .`library`(name: "Parquet", targets: ["Parquet"]),
        .`library`(name: "LakeFormats", targets: ["LakeFormats"]),
        .`library`(name: "Arguments", targets: ["Arguments"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),

        .target(name: "Parquet", dependencies: ["CZlib", "CZstd"]),
        .target(name: "LakeFormats", swiftSettings: shaExtensions),
        .target(name: "Arguments"),
        .target(name: "Catalog", dependencies: ["CSQLite", "CZlib", "LakeFormats"]),
        .target(name: "LakeBuild", dependencies: ["Catalog", "LakeFormats", "CLinux", "Arguments", "Parquet"]),
        .target(name: "Pipelines", dependencies: ["LakeBuild", "LakeFormats", "Parquet"]),
        .executableTarget(
            name: "lakemake",
            dependencies: ["Pipelines", "LakeBuild", "Catalog", "LakeFormats", "Parquet", "Arguments"]),

        // What several test targets share: the interop Python and the in-memory lake.
        .target(name: "TestSupport", dependencies: ["Catalog", "LakeBuild", "LakeFormats"], path: "Tests/TestSupport"),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "LakeFormats", "TestSupport"], exclude: ["Fixtures", "Interop/scripts"]),
        .testTarget(name: "LakeFormatsTests", dependencies: ["LakeFormats"]),
        .testTarget(name: "ArgumentsTests", dependencies: ["Arguments"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog"]),
        .testTarget(name: "LakeBuildTests", dependencies: ["LakeBuild", "Catalog", "LakeFormats", "TestSupport"]),
        .testTarget(name: "PipelinesTests", dependencies: ["Pipelines", "TestSupport"]),
        .testTarget(name: "LakemakeCLITests", dependencies: ["LakeFormats", "lakemake", "Arguments", "TestSupport"], exclude: ["Fixtures", "scripts"]),
    ]
)
