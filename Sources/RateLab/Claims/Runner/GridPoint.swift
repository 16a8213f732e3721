/// One point of a claim's sweep grid: the value of every axis and the merged settings.
struct GridPoint: Sendable {
    /// Axis name → value, in axis order.
    let values: [(axis: String, value: Setting)]
    let problem: [String: Setting]
    let run: [String: Setting]

    /// "problem.workers=8, run.tau=10" (empty without a sweep).
    var label: String { label(excluding: []) }

    /// `label` without the axes in `excluded` (the key of a group of points that differ only there).
    func label(excluding excluded: Set<String>) -> String {
        values.filter { !excluded.contains($0.axis) }.map { "\($0.axis)=\($0.value.text)" }.joined(separator: ", ")
    }

    /// The point with `section.key` set to `text` (an adaptive grid's new value), its axis value replaced or,
    /// when the key was not swept, added.
    func replacing(_ section: String, _ key: String, with text: String) -> GridPoint {
        let axis = "\(section).\(key)"
        let line = (section == "problem" ? problem : run)[key]?.line ?? 0
        let setting = Setting(text: text, line: line)
        var p = problem, r = run
        if section == "problem" { p[key] = setting } else { r[key] = setting }
        let swept = values.contains { $0.axis == axis }
        let newValues = swept ? values.map { $0.axis == axis ? (axis, setting) : $0 } : values + [(axis, setting)]
        return GridPoint(values: newValues, problem: p, run: r)
    }

    func value(_ axis: String) -> String? { values.first { $0.axis == axis }?.value.text }

    /// True when every (axis, value) of `filter` matches; numbers compare numerically.
    func matches(_ filter: [String: String]) -> Bool {
        filter.allSatisfy { axis, wanted in value(axis).map { GridPoint.sameValue($0, wanted) } ?? false }
    }

    /// True when two written values of an axis are the same: numerically for numbers ("1" and "1.0"),
    /// textually otherwise.
    static func sameValue(_ a: String, _ b: String) -> Bool {
        if let x = Double(a), let y = Double(b) { return x == y }
        return a == b
    }
}

extension Claim {
    /// The Cartesian product of the sweep axes (first axis varies slowest); one point without a sweep.
    var gridPoints: [GridPoint] {
        var points = [GridPoint(values: [], problem: problem, run: run)]
        for axis in sweep {
            points = points.flatMap { point in
                axis.values.map { value in
                    var p = point.problem, r = point.run
                    if axis.section == "problem" { p[axis.key] = value } else { r[axis.key] = value }
                    return GridPoint(values: point.values + [(axis.name, value)], problem: p, run: r)
                }
            }
        }
        return points
    }
}
