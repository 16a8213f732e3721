import Foundation
import ArgumentParser
import RateLab

/// `ratelab list`: the built-in problems, algorithms, topologies, the names claim expressions may use
/// and the claims, one `name  description` line each, grouped in titled sections.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the problems, algorithms, topologies and claims.")

    /// One titled group of (name, description) entries.
    struct Section {
        let title: String
        let entries: [(name: String, description: String)]
    }

    /// The sections `ratelab list` prints; add a section here to list more kinds of things.
    static var sections: [Section] {
        [Section(title: "Problems", entries: ProblemCatalog.entries),
         Section(title: "Algorithms", entries: MethodCatalog.all.map { ($0.name, $0.summary) }),
         Section(title: "Topologies", entries: TopologyKind.catalog.map { ($0.name, $0.summary) }),
         Section(title: "Names in claim expressions (a key's '-' is written '_')", entries: Expression.variables.map { ($0.name, $0.meaning) }),
         Section(title: "Claims (proofs-numeric/)", entries: claimEntries)]
    }

    /// The claims in proofs-numeric/ (relative to the working directory), or a note when there are none.
    static var claimEntries: [(name: String, description: String)] {
        guard let claims = try? ClaimParser.parseAll(["proofs-numeric"]) else { return [("(none)", "no readable proofs-numeric/ here")] }
        return claims.map { ($0.id, $0.title) }
    }

    /// The sections as text: a title line, then each entry as `  name  description` with names
    /// padded to a common width, sections separated by a blank line.
    static func render(_ sections: [Section]) -> String {
        let width = sections.flatMap { $0.entries.map(\.name.count) }.max() ?? 0
        return sections.map { section in
            ([section.title + ":"] + section.entries.map { entry in
                "  " + entry.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + entry.description
            }).joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    func run() {
        print(ListCommand.render(ListCommand.sections))
    }
}
