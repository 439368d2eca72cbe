// Reading the rules folder: every `*.rules` file, in bytewise name order, so the rule order
// (and every ordering derived from it) does not depend on the file system.
import Foundation

extension RulesParser {
    /// The text of every `*.rules` file in `directory`, in name order. Errors name the folder
    /// and hint at `lakemake init` when there is nothing to read.
    public static func readSources(directory: String) throws(RulesError) -> [RulesSource] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noRulesFound(directory: directory)
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
        } catch {
            throw .unreadableFile(path: directory, reason: "the folder cannot be listed")
        }
        let ruleFiles = names.filter { $0.hasSuffix(".rules") && !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var sources: [RulesSource] = []
        for name in ruleFiles {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = manager.contents(atPath: path) else {
                throw .unreadableFile(path: path, reason: "the file cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .unreadableFile(path: path, reason: "the file is not UTF-8 text")
            }
            sources.append(RulesSource(file: name, text: text))
        }
        guard !sources.isEmpty else { throw .noRulesFound(directory: directory) }
        return sources
    }

    /// `readSources` then `parse`. To render an error with its source line, call the two
    /// steps separately and pass the sources to `RulesError.rendered(sources:)`.
    public static func load(directory: String, knownActions: Set<String>) throws(RulesError) -> RuleSet {
        let sources = try readSources(directory: directory)
        let ruleSet = try parse(sources, knownActions: knownActions)
        guard !ruleSet.rules.isEmpty else { throw .noRulesFound(directory: directory) }
        return ruleSet
    }
}
