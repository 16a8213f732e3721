import Foundation

/// An arithmetic expression over named constants, so a claim can say `lr: 1/L` or
/// `tau: max(1, floor(0.5 * T^(2/3) / p^(1/3)))`.
///
/// Grammar: expr = term (('+'|'−') term)*; term = unary (('*'|'/') unary)*;
/// unary = '-' unary | power; power = atom ('^' unary)?  (right-associative, so −2^2 = −4 and 2^−1 = 0.5);
/// atom = number | name | name '(' expr (',' expr)* ')' | '(' expr ')'.
/// Functions: sqrt, cbrt, log (natural), exp, floor, ceil, round, abs, min, max. `floor` and `ceil`
/// forgive a relative rounding error of 1e-12, so floor(8000^(2/3)) is 400 although pow gives 399.99….
public indirect enum Expression: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case variable(String)
    case unary(Expression)
    case binary(Character, Expression, Expression)
    case call(String, [Expression])

    /// The names an expression may use, with what they mean (for error messages and docs): the symbols,
    /// then every numeric `problem:` and `run:` key under its `SettingNames` name.
    public static let variables: [(name: String, meaning: String)] = {
        let symbols = [
            ("L", "smoothness constant of the cell's problem"), ("mu", "strong-convexity or PL constant (0 if nonconvex)"),
            ("kappa", "L / mu"), ("p", "workers"), ("T", "steps"), ("B", "batch size"), ("d", "dimension"),
            ("tau", "run.tau, the averaging period τ of the cell (in lr and checks)"),
            ("N", "horizon of huber-worst-case"), ("R", "radius of huber-worst-case"),
        ]
        return symbols + SettingNames.variables.filter { key in !symbols.contains { $0.0 == key.name } }
    }()
    static let functions: [String: Int] = [
        "sqrt": 1, "cbrt": 1, "log": 1, "exp": 1, "floor": 1, "ceil": 1, "round": 1, "abs": 1, "min": 2, "max": 2,
    ]

    /// Longest expression text accepted, in characters (README, "Limits").
    public static let maxLength = 1_000
    /// Deepest nesting accepted: parentheses, unary minus and exponents, counted together.
    public static let maxDepth = 64

    /// Parses `text`; throws `ExpressionError` naming the position and what was expected, or the
    /// limit (`maxLength`, `maxDepth`) the text exceeds.
    public init(parsing text: String) throws {
        guard text.count <= Expression.maxLength else {
            throw ExpressionError(text: String(text.prefix(20)) + "…",
                                  message: "\(text.count) characters, expected at most \(Expression.maxLength)")
        }
        var parser = Parser(characters: Array(text))
        let e = try parser.expression()
        parser.skipSpaces()
        guard parser.position == parser.characters.count else {
            throw ExpressionError(text: text, message: "unexpected '\(parser.characters[parser.position])' at position \(parser.position + 1)")
        }
        try e.checkNames(in: text)
        self = e
    }

    private func checkNames(in text: String) throws {
        switch self {
        case .number: return
        case let .variable(name):
            guard Expression.variables.contains(where: { $0.name == name }) else {
                // `hessian-spread` reads as hessian − spread: point at the key's spelling in expressions.
                let hint = Expression.variables.first { $0.name.hasPrefix(name + "_") }
                    .map { " (a key's '-' is written '_' in expressions: did you mean \($0.name)?)" } ?? ""
                throw ExpressionError(text: text, message: "unknown name '\(name)'\(hint); known: \(Expression.variables.map(\.name).joined(separator: ", "))")
            }
        case let .unary(e): try e.checkNames(in: text)
        case let .binary(_, a, b): try a.checkNames(in: text); try b.checkNames(in: text)
        case let .call(name, args):
            guard let arity = Expression.functions[name] else {
                throw ExpressionError(text: text, message: "unknown function '\(name)'; known: \(Expression.functions.keys.sorted().joined(separator: ", "))")
            }
            guard args.count == arity else {
                throw ExpressionError(text: text, message: "\(name) takes \(arity) argument(s), got \(args.count)")
            }
            for a in args { try a.checkNames(in: text) }
        }
    }

    /// The variable names the expression uses.
    public var names: Set<String> {
        switch self {
        case .number: return []
        case let .variable(name): return [name]
        case let .unary(e): return e.names
        case let .binary(_, a, b): return a.names.union(b.names)
        case let .call(_, args): return args.reduce(into: Set<String>()) { $0.formUnion($1.names) }
        }
    }

    /// Whether the expression uses no variable (its value is known without a problem).
    public var isConstant: Bool { names.isEmpty }

    /// The value with the given variable bindings (every name was checked at parse time).
    public func evaluate(_ bindings: [String: Double]) -> Double {
        switch self {
        case let .number(v): return v
        case let .variable(name): return bindings[name] ?? .nan
        case let .unary(e): return -e.evaluate(bindings)
        case let .binary(op, a, b):
            let x = a.evaluate(bindings), y = b.evaluate(bindings)
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            case "/": return x / y
            default: return pow(x, y)
            }
        case let .call(name, args):
            let v = args.map { $0.evaluate(bindings) }
            switch name {
            case "sqrt": return v[0].squareRoot()
            case "cbrt": return cbrt(v[0])
            case "log": return log(v[0])
            case "exp": return exp(v[0])
            case "floor": return floor(v[0] + 1e-12 * abs(v[0]))
            case "ceil": return ceil(v[0] - 1e-12 * abs(v[0]))
            case "round": return v[0].rounded()
            case "abs": return abs(v[0])
            case "min": return min(v[0], v[1])
            default: return max(v[0], v[1])
            }
        }
    }

    public var description: String {
        switch self {
        case let .number(v): return "\(v)"
        case let .variable(n): return n
        case let .unary(e): return "-(\(e))"
        case let .binary(op, a, b): return "(\(a) \(op) \(b))"
        case let .call(n, args): return "\(n)(\(args.map(\.description).joined(separator: ", ")))"
        }
    }

    private struct Parser {
        let characters: [Character]
        var position = 0
        /// Nesting of `unary()`, through which every recursion passes.
        var depth = 0

        mutating func skipSpaces() { while position < characters.count, characters[position] == " " { position += 1 } }

        mutating func peek() -> Character? { skipSpaces(); return position < characters.count ? characters[position] : nil }

        mutating func expression() throws -> Expression {
            var e = try term()
            while let c = peek(), c == "+" || c == "-" { position += 1; e = .binary(c, e, try term()) }
            return e
        }

        mutating func term() throws -> Expression {
            var e = try unary()
            while let c = peek(), c == "*" || c == "/" { position += 1; e = .binary(c, e, try unary()) }
            return e
        }

        mutating func unary() throws -> Expression {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Expression.maxDepth else { throw error("at most \(Expression.maxDepth) nested levels") }
            if peek() == "-" { position += 1; return .unary(try unary()) }
            return try power()
        }

        mutating func power() throws -> Expression {
            let base = try atom()
            if peek() == "^" { position += 1; return .binary("^", base, try unary()) }
            return base
        }

        mutating func atom() throws -> Expression {
            guard let c = peek() else { throw error("an expression, got the end") }
            if c == "(" {
                position += 1
                let e = try expression()
                guard peek() == ")" else { throw error("')'") }
                position += 1
                return e
            }
            if c.isNumber || c == "." { return try number() }
            if c.isLetter {
                var name = ""
                while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
                    name.append(characters[position]); position += 1
                }
                guard peek() == "(" else { return .variable(name) }
                position += 1
                var args = [try expression()]
                while peek() == "," { position += 1; args.append(try expression()) }
                guard peek() == ")" else { throw error("')' after the arguments of \(name)") }
                position += 1
                return .call(name, args)
            }
            throw error("a number, a name or '('")
        }

        mutating func number() throws -> Expression {
            let start = position
            while position < characters.count, characters[position].isNumber || characters[position] == "." { position += 1 }
            if position < characters.count, characters[position] == "e" || characters[position] == "E" {
                position += 1
                if position < characters.count, characters[position] == "-" || characters[position] == "+" { position += 1 }
                while position < characters.count, characters[position].isNumber { position += 1 }
            }
            guard let v = Double(String(characters[start..<position])) else { throw error("a number") }
            return .number(v)
        }

        func error(_ expected: String) -> ExpressionError {
            ExpressionError(text: String(characters), message: "expected \(expected) at position \(position + 1)")
        }
    }
}

/// A malformed expression.
public struct ExpressionError: Error, CustomStringConvertible, Equatable {
    public let text: String
    public let message: String
    public var description: String { "expression '\(text)': \(message)" }
}
