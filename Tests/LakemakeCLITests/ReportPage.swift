// The HTML reports read as the XML they are (report.html is well-formed: void elements are
// self-closed), into a small element tree the report tests search: charts by their
// aria-label, labels by class, headings with the list that follows them.

#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import XCTest

/// One element of a parsed page.
final class PageElement {
    let name: String
    let attributes: [String: String]
    var children: [PageElement] = []
    var ownText = ""
    weak var parent: PageElement?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The text of this element and everything inside it.
    var text: String { ownText + children.map(\.text).joined() }

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

    /// This element and every element inside it, in document order.
    var all: [PageElement] { [self] + children.flatMap(\.all) }

    func elements(_ name: String, class cls: String? = nil) -> [PageElement] {
        all.filter { $0.name == name && (cls == nil || $0.classes.contains(cls ?? "")) }
    }

    /// The chart whose aria-label is `label`.
    func chart(_ label: String) -> PageElement? { elements("svg").first { $0.attributes["aria-label"] == label } }

    /// The element right after the `h2` whose text starts with `heading`.
    func afterHeading(_ heading: String) -> (heading: PageElement, next: PageElement)? {
        for h in elements("h2") where h.text.hasPrefix(heading) {
            guard let siblings = h.parent?.children, let i = siblings.firstIndex(where: { $0 === h }), i + 1 < siblings.count else { return nil }
            return (h, siblings[i + 1])
        }
        return nil
    }
}

/// Parses report.html, failing the test when it is not well-formed.
enum ReportPage {
    static func parse(_ html: String, file: StaticString = #filePath, line: UInt = #line) throws -> PageElement {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            XCTFail("report.html is not well-formed: \(String(describing: parser.parserError))", file: file, line: line)
            throw XCTSkip("unparsable page")
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: PageElement?
        var stack: [PageElement] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let element = PageElement(name: name, attributes: attributes)
            element.parent = stack.last
            stack.last?.children.append(element)
            if root == nil { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.ownText += string
        }
    }
}
