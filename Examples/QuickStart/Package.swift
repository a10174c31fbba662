// swift-tools-version:6.0
// A package that depends on Brine the way a user's would; its main.swift is the README's quick
// start, and `make test` builds and runs it (the README cannot drift from code that compiles).
import PackageDescription

let package = Package(
    name: "QuickStart",
    dependencies: [.package(name: "Brine", path: "../..")],
    targets: [
        .executableTarget(name: "QuickStart", dependencies: [.product(name: "Brine", package: "Brine")]),
    ]
)
