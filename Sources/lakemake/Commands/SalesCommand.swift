// `lakemake sales …`: the sales read commands (the old REST API). This file declares the
// parent and dispatches; each subcommand has its own file.

import Arguments
import Foundation
import Pipelines

enum SalesCommand: LakemakeCommandGroup {
    static var subcommands: [any LakemakeCommand.Type] { [SalesAnalyticsCommand.self, SalesTrendsCommand.self] }

    static let spec = CommandSpec(
        name: "sales",
        abstract: "Read the sales metrics and insights of a built lake.",
        subcommands: subcommands.map { $0.spec })

    /// Reads the lake's files directly: these commands never wait for a build.
    static func reader(_ inv: Invocation) throws -> SalesLakeReader {
        try inv.requireLake()
        let lake = inv.lake
        return SalesLakeReader(
            read: { path in FileManager.default.contents(atPath: lake + "/" + path).map { [UInt8]($0) } },
            list: { folder in (try? FileManager.default.contentsOfDirectory(atPath: lake + "/" + folder)) ?? [] })
    }
}

extension SalesError: UserFacingError {
    var suggestion: String? { "run 'lakemake build' to rewrite the file from its inputs" }
    var exitStatus: Int32 { 1 }
}
