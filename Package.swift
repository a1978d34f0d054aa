// swift-tools-version: 6.1
import PackageDescription

/// Settings every target gets: strict concurrency is implied by Swift 6 mode; these add the
/// upcoming-feature checks the style guide asks for.
let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "crma",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "CRMAFiles", targets: ["CRMAFiles"]),
    .library(name: "CSVStream", targets: ["CSVStream"]),
    .library(name: "CRMAIngest", targets: ["CRMAIngest"]),
    .library(name: "CRMATransform", targets: ["CRMATransform"]),
    .library(name: "CRMAReport", targets: ["CRMAReport"]),
    .library(name: "CRMAPipeline", targets: ["CRMAPipeline"]),
    .library(name: "CRMATrade", targets: ["CRMATrade"]),
    .library(name: "CRMAUSGS", targets: ["CRMAUSGS"]),
    .library(name: "CRMAMap", targets: ["CRMAMap"]),
    .executable(name: "crma", targets: ["crma"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    // `make docs`: DocC through the toolchain's docc (a build-tool plugin only; no runtime code).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // The system C library libcsv. Debian ships no pkg-config file for it, so the module map
    // links `csv` directly.
    .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
    // Linux system calls the Glibc module does not expose (renameat2 for swapping output sets,
    // a signal flag).
    .target(name: "CSystemShims"),
    // libcsv's space function, called for every input byte: plain C, built with the C compiler.
    .target(name: "CLibCSVSpace"),
    // Files crma writes and reads that are not CSV: atomic output folders, input-file checks,
    // SHA-256, JSON text, the signal flag.
    .target(name: "CRMAFiles", dependencies: ["CSystemShims"], swiftSettings: strictSettings),
    .target(
      name: "CSVStream", dependencies: ["CLibCSV", "CLibCSVSpace", "CRMAFiles"], swiftSettings: strictSettings
    ),
    .target(
      name: "CRMAIngest",
      dependencies: ["CSVStream", "CRMAFiles", .product(name: "Logging", package: "swift-log")],
      swiftSettings: strictSettings),
    .target(
      name: "CRMATransform",
      dependencies: [
        "CSVStream", "CRMAFiles", "CRMAIngest", .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .target(
      name: "CRMAReport",
      dependencies: [
        "CSVStream", "CRMAIngest", "CRMATransform", .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .target(
      name: "CRMAPipeline",
      dependencies: [
        "CSVStream", "CRMAFiles", "CRMAIngest", "CRMATransform", "CRMAReport", "CRMAUSGS", "CRMATrade",
        "CRMAMap",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .target(
      name: "CRMATrade",
      dependencies: [
        "CSVStream", "CRMAIngest", "CSystemShims", .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .target(
      name: "CRMAUSGS",
      dependencies: ["CSVStream", "CRMAIngest", .product(name: "Logging", package: "swift-log")],
      swiftSettings: strictSettings),
    .target(
      name: "CRMAMap",
      dependencies: ["CSVStream", "CRMAIngest", .product(name: "Logging", package: "swift-log")],
      swiftSettings: strictSettings),
    .executableTarget(
      name: "crma",
      dependencies: [
        "CSVStream", "CRMAFiles", "CRMAIngest", "CRMATransform", "CRMAReport", "CRMAPipeline", "CRMATrade",
        "CRMAUSGS", "CRMAMap",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .target(
      name: "CRMATestSupport", dependencies: ["CSVStream"], path: "Tests/CRMATestSupport",
      swiftSettings: strictSettings),
    .testTarget(
      name: "CRMAFilesTests", dependencies: ["CRMAFiles", "CRMATestSupport"], swiftSettings: strictSettings),
    .testTarget(
      name: "CSVStreamTests", dependencies: ["CSVStream", "CRMATestSupport"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "CRMAIngestTests",
      dependencies: [
        "CRMAIngest", "CSVStream", "CRMATestSupport",
        .product(name: "InMemoryLogging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "CRMATransformTests",
      dependencies: [
        "CRMATransform", "CRMAIngest", "CRMAReport", "CRMATestSupport", "CRMAUSGS",
        .product(name: "InMemoryLogging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "CRMAReportTests",
      dependencies: [
        "CRMAReport", "CRMATransform", "CRMAIngest", "CSVStream", "CRMATestSupport", "CRMAUSGS",
        "CRMAPipeline",
      ],
      exclude: ["Snapshots"], swiftSettings: strictSettings),
    .testTarget(
      name: "CRMATradeTests", dependencies: ["CRMATrade", "CSVStream", "CRMATestSupport"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "CRMAUSGSTests",
      dependencies: [
        "CRMAUSGS", "CRMAIngest", "CSVStream", "CRMATestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "CRMAMapTests",
      dependencies: [
        "CRMAMap", "CRMAIngest", "CRMATestSupport", .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "CLITests", dependencies: ["CRMATestSupport"], swiftSettings: strictSettings),
  ]
)
