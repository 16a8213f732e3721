/// A JUnit XML report that CI systems read as test results: one `<testsuite>` with one
/// `<testcase>` per check.
///
/// A failed check carries a `<failure message="…">detail</failure>`, a check that errored or
/// diverged an `<error message="…">detail</error>`, a skipped one a `<skipped message="…"/>`.
/// The suite's `tests`, `failures`, `errors` and `skipped` attributes count the cases, and its
/// `time` is the sum of the case times. Times are in seconds with three decimals. Text is
/// XML-escaped; the output is deterministic (no timestamps or host names).
public struct JUnitReport: Sendable {
    /// One check and how it ended.
    public struct Case: Sendable, Equatable {
        /// How a check ended.
        public enum Outcome: Sendable, Equatable {
            case passed
            /// The check ran and its assertion did not hold.
            case failed(message: String, detail: String)
            /// The check could not be judged: the run diverged or threw.
            case errored(message: String, detail: String)
            /// The check was not run, for `reason`.
            case skipped(reason: String)
        }

        /// The group the check belongs to (JUnit `classname`, e.g. the claim file).
        public var classname: String
        /// The check's name.
        public var name: String
        /// Wall-clock duration of the check in seconds.
        public var time: Double
        public var outcome: Outcome

        public init(classname: String, name: String, time: Double, outcome: Outcome) {
            self.classname = classname
            self.name = name
            self.time = time
            self.outcome = outcome
        }
    }

    /// The `name` attribute of the `<testsuite>`.
    public let suiteName: String
    /// The cases added so far, in order.
    public private(set) var cases: [Case] = []

    /// An empty suite.
    public init(suiteName: String) {
        self.suiteName = suiteName
    }

    /// Adds one case at the end.
    public mutating func add(_ testCase: Case) {
        cases.append(testCase)
    }

    /// The XML document, starting with an XML declaration and ending with "\n".
    public func render() -> String {
        var failures = 0, errors = 0, skipped = 0
        var totalTime = 0.0
        for testCase in cases {
            totalTime += testCase.time
            switch testCase.outcome {
            case .passed: break
            case .failed: failures += 1
            case .errored: errors += 1
            case .skipped: skipped += 1
            }
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuite name=\"\(XMLText.attribute(suiteName))\" tests=\"\(cases.count)\" failures=\"\(failures)\""
        xml += " errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(Self.seconds(totalTime))\">\n"
        for testCase in cases {
            xml += "  <testcase classname=\"\(XMLText.attribute(testCase.classname))\""
            xml += " name=\"\(XMLText.attribute(testCase.name))\" time=\"\(Self.seconds(testCase.time))\""
            switch testCase.outcome {
            case .passed:
                xml += "/>\n"
            case let .failed(message, detail):
                xml += ">\n    " + Self.element("failure", message: message, detail: detail) + "\n  </testcase>\n"
            case let .errored(message, detail):
                xml += ">\n    " + Self.element("error", message: message, detail: detail) + "\n  </testcase>\n"
            case let .skipped(reason):
                xml += ">\n    <skipped message=\"\(XMLText.attribute(reason))\"/>\n  </testcase>\n"
            }
        }
        xml += "</testsuite>\n"
        return xml
    }

    /// Writes `render()` to `path` atomically (see `AtomicFile`).
    public func write(to path: String) throws {
        try AtomicFile.write(render(), to: path)
    }

    /// `<tag message="message">detail</tag>`, escaped.
    private static func element(_ tag: String, message: String, detail: String) -> String {
        "<\(tag) message=\"\(XMLText.attribute(message))\">\(XMLText.content(detail))</\(tag)>"
    }

    /// Seconds with three decimals; non-finite or negative times are written as 0.000.
    private static func seconds(_ time: Double) -> String {
        NumberText.fixed(time.isFinite ? max(0, time) : 0, decimals: 3)
    }
}
