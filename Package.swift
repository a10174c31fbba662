// swift-tools-version:6.0
import PackageDescription

/// The numbered notebooks in Notebooks-as-scripts/: each main.swift is a whole workflow in the
/// plain public API, an executable runnable as `swift run <product>` (the tests run the built ones).
let notebooks: [(product: String, target: String, folder: String)] = [
    ("01-basic-usage", "Notebook01BasicUsage", "01-basic-usage"),
    ("02-simple-model", "Notebook02SimpleModel", "02-simple-model"),
    ("03-complex-models", "Notebook03ComplexModels", "03-complex-models"),
    ("04-compression", "Notebook04Compression", "04-compression"),
    ("05-pipeline", "Notebook05Pipeline", "05-pipeline"),
    ("06-metadata", "Notebook06Metadata", "06-metadata"),
    ("07-versioning", "Notebook07Versioning", "07-versioning"),
    ("08-error-handling", "Notebook08ErrorHandling", "08-error-handling"),
    ("09-untrusted-files", "Notebook09UntrustedFiles", "09-untrusted-files"),
    ("10-memory-mapping", "Notebook10MemoryMapping", "10-memory-mapping"),
    ("11-one-screen-tour", "Notebook11OneScreenTour", "11-one-screen-tour"),
    ("12-raw-tabular-data", "Notebook12RawTabularData", "12-raw-tabular-data"),
]

let package = Package(
    name: "Brine",
    products: [
        .library(name: "Brine", targets: ["Brine"]),
        .executable(name: "brine", targets: ["BrineCLI"]),
        .executable(name: "brine-bench", targets: ["BrineBenchmarks"]),
    ] + notebooks.map { .executable(name: $0.product, targets: [$0.target]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `make docs`: the DocC catalog Sources/Brine/Brine.docc (a command plugin; nothing links it).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // C libraries, reached through pkg-config; no Swift API of their own.
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CLAPACKE", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CLibDeflate", pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]),

        // The library: linear algebra, datasets, metrics, estimators, persistence.
        .target(
            name: "Brine",
            dependencies: ["CBLAS", "CLAPACKE", "CZlib", "CLibDeflate"],
            // The bundled datasets (BundledDatasets), copied beside every executable that links Brine.
            resources: [.copy("Resources/Datasets")]),

        // The `brine` command line.
        .executableTarget(
            name: "BrineCLI",
            // CZlib: the CRC-32 of a training file, recorded so `brine evaluate` recognises it.
            dependencies: ["Brine", "CZlib", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // `make bench`: Brine's side of the peer benchmark.
        .executableTarget(name: "BrineBenchmarks", dependencies: ["Brine"]),

        // The child process the crash-consistency test kills while it saves (issue 11).
        .executableTarget(name: "BrineSaveLoop", dependencies: ["Brine"]),

        // Reusable conformance checks run on every estimator (like scikit-learn's check_estimator).
        .target(name: "BrineTestSupport", dependencies: ["Brine"]),

        // `make fuzz-corpus`: writes the fuzzers' seed files (fuzz/corpus).
        .executableTarget(name: "BrineFuzzSeeds", dependencies: ["Brine"]),

        .testTarget(
            name: "BrineTests",
            dependencies: ["Brine", "BrineTestSupport"],
            resources: [.copy("Fixtures")]),
    ] + notebooks.map {
        .executableTarget(
            name: $0.target, dependencies: ["Brine"],
            path: "Notebooks-as-scripts/\($0.folder)")
    }
)

// `make fuzz`: the libFuzzer targets (Sources/BrineFuzzLoad, Sources/BrineFuzzCSV) exist only when
// BRINE_FUZZ=1, so `make test`'s build never compiles them (they need -sanitize=fuzzer to link).
if Context.environment["BRINE_FUZZ"] == "1" {
    package.products += [
        .executable(name: "brine-fuzz-load", targets: ["BrineFuzzLoad"]),
        .executable(name: "brine-fuzz-csv", targets: ["BrineFuzzCSV"]),
    ]
    package.targets += [
        .executableTarget(name: "BrineFuzzLoad", dependencies: ["Brine", "CZlib"]),
        .executableTarget(name: "BrineFuzzCSV", dependencies: ["Brine"]),
    ]
}
