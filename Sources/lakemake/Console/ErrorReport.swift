// Every error becomes `lakemake: error: …` plus a hint on stderr and an exit status, here and
// nowhere else (swift-argument-parser's MessageInfo): 1 target trouble, 2 usage, rules or
// unknown path, 3 lock held.

import Arguments
import Glibc
import Catalog
import LakeBuild
import LakeFormats

/// An error a user can act on: what went wrong, what to do, and the exit status.
protocol UserFacingError: Error {
    var message: String { get }
    /// What to do about it, printed as `hint: …`.
    var suggestion: String? { get }
    var exitStatus: Int32 { get }
}

/// Errors of the command layer itself.
enum CommandError: UserFacingError {
    case unknownPath(String)
    case pathOutsideLake(String)
    case noCatalog(String)
    case notALake(String)
    case invalid(String, hint: String?)

    var message: String {
        switch self {
        case .unknownPath(let p): return "\(p): lakemake knows nothing about this path"
        case .pathOutsideLake(let p): return "\(p) is not inside the lake"
        case .noCatalog(let lake): return "\(lake) has not been built yet (no catalog)"
        case .notALake(let dir): return "\(dir) is not a lake folder"
        case .invalid(let m, _): return m
        }
    }

    var suggestion: String? {
        switch self {
        case .unknownPath: return "run 'lakemake files' to see the paths in the catalog"
        case .pathOutsideLake: return "give a path relative to the lake (processed/…) or one inside it"
        case .noCatalog: return "run 'lakemake build' first"
        case .notALake: return "pass --lake DIR, set LAKEMAKE_LAKE, or run 'lakemake init'"
        case .invalid(_, let h): return h
        }
    }

    var exitStatus: Int32 { 2 }
}

extension ValidationError {
    /// A check's failure worded by another module's error (`--bbox …: latitudes must be
    /// within ±90`), to be reported as a usage error of the command.
    init(_ error: some UserFacingError) {
        self.init(error.message, hint: error.suggestion)
    }
}

extension UsageError: UserFacingError {
    var suggestion: String? { hint }
    var exitStatus: Int32 { 2 }
}

extension LockError: UserFacingError {
    var suggestion: String? { hint }
    var exitStatus: Int32 {
        if case .held = self { return 3 }
        return 1
    }
}

extension CatalogError: UserFacingError {
    var suggestion: String? { hint }
    var exitStatus: Int32 { 1 }
}

extension BuildError: UserFacingError {
    var suggestion: String? {
        switch self {
        case .catalog(let e): return e.hint
        case .fileSystem(.io(let path, _, ENOTDIR)):
            return "a file stands where the lake needs a folder (\(path) or a folder above it): rename or remove it"
        case .fileSystem: return "check that the lake folder exists and is readable"
        }
    }
    var exitStatus: Int32 { 1 }
}

/// A rules error rendered with its source line and caret.
struct RenderedRulesError: UserFacingError {
    let error: RulesError
    let sources: [RulesSource]
    var message: String { error.rendered(sources: sources) }
    var suggestion: String? { error.hint }
    var exitStatus: Int32 { 2 }
}

enum ErrorReport {
    /// Prints the error and returns the exit status it maps to.
    static func report(_ error: Error, to out: Output) -> Int32 {
        if let e = error as? RenderedRulesError {
            // Already `file:line:col: error: …` with the source line and a caret.
            out.error("lakemake: " + e.message)
            if let hint = e.suggestion { out.error("hint: \(hint)") }
            return e.exitStatus
        }
        if let e = error as? UserFacingError {
            out.error("lakemake: error: \(e.message)")
            if let hint = e.suggestion { out.error("hint: \(hint)") }
            if let usage = error as? UsageError {
                out.error("Run '\(usage.command.joined(separator: " ")) --help' for usage.")
            }
            return e.exitStatus
        }
        if let e = error as? RulesError {
            return report(RenderedRulesError(error: e, sources: []), to: out)
        }
        out.error("lakemake: error: \(error)")
        return 1
    }
}
