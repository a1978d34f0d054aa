// swift-tools-version: 6.1
import PackageDescription

// A worked example of reuse: another analysis built on crma's library products, depending on
// crma by path. It looks at natural graphite — a different CRMA material — with crma's ingest,
// transform and report stages.
let package = Package(
  name: "GraphiteShares",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "crma", path: "../..")],
  targets: [
    .executableTarget(
      name: "graphite-shares",
      dependencies: [
        .product(name: "CRMAIngest", package: "crma"),
        .product(name: "CRMATransform", package: "crma"),
        .product(name: "CRMAReport", package: "crma"),
      ])
  ]
)
