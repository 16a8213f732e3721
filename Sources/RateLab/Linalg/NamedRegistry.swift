import Foundation

/// Built-in entries plus those other packages register, looked up by name: the one mechanism behind
/// `ProblemCatalog` and `MethodCatalog`. Safe to use from any thread.
package final class NamedRegistry<Entry: Sendable>: @unchecked Sendable {
    /// What an entry is, for messages ("problem", "algorithm").
    package let kind: String
    private let builtIn: [Entry]
    private let nameOf: @Sendable (Entry) -> String
    private let lock = NSLock()
    private var added: [Entry] = []

    package init(kind: String, builtIn: [Entry], name: @escaping @Sendable (Entry) -> String) {
        self.kind = kind
        self.builtIn = builtIn
        nameOf = name
    }

    /// The built-in entries, then the registered ones in order of registration.
    package var all: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return builtIn + added
    }

    /// The entry called `name`, or nil.
    package func entry(named name: String) -> Entry? { all.first { nameOf($0) == name } }

    /// Adds `entry`; a name already known (built-in or registered), or one that is not letters, digits,
    /// '-' and '_', is refused.
    package func add(_ entry: Entry) throws {
        let name = nameOf(entry)
        lock.lock()
        defer { lock.unlock() }
        guard !(builtIn + added).contains(where: { nameOf($0) == name }) else {
            throw RegistrationError.duplicateName(kind: kind, name: name)
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw RegistrationError.invalidName(kind: kind, name: name)
        }
        added.append(entry)
    }
}

/// A registration (`ProblemCatalog.register`, `MethodCatalog.register`) that was refused.
public enum RegistrationError: Error, CustomStringConvertible, Equatable {
    /// The name is already built in or registered.
    case duplicateName(kind: String, name: String)
    /// The name is not letters, digits, '-' and '_' (claim files and the CLI could not spell it).
    case invalidName(kind: String, name: String)

    public var description: String {
        switch self {
        case let .duplicateName(kind, name): return "\(kind) '\(name)' is already built in or registered"
        case let .invalidName(kind, name): return "\(kind) name '\(name)' must be letters, digits, '-' and '_'"
        }
    }
}
