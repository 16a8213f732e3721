/// One point of a claim's sweep grid: the value of every axis and the merged settings.
struct GridPoint: Sendable {
    /// Axis name → value, in axis order, with the axis's grid dimension (shared by zipped axes).
    let values: [(axis: String, value: Setting, dimension: Int)]
    let problem: [String: Setting]
    let run: [String: Setting]

    /// "problem.workers=8, run.tau=10" (empty without a sweep).
    var label: String { label(excluding: []) }

    /// `label` without the axes in `excluded` and the axes zipped with them (the key of a group of points
    /// that differ only there: a scaling over `run.steps` zipped with `run.tau` groups across both).
    func label(excluding excluded: Set<String>) -> String {
        let dimensions = Set(values.filter { excluded.contains($0.axis) }.map(\.dimension))
        return values.filter { !dimensions.contains($0.dimension) }.map { "\($0.axis)=\($0.value.text)" }.joined(separator: ", ")
    }

    /// The point with `section.key` set to `text` (an adaptive grid's new value), its axis value replaced (in
    /// its grid dimension) or, when the key was not swept, added (as a dimension of its own).
    func replacing(_ section: String, _ key: String, with text: String) -> GridPoint {
        let axis = "\(section).\(key)"
        let line = (section == "problem" ? problem : run)[key]?.line ?? 0
        let setting = Setting(text: text, line: line)
        var p = problem, r = run
        if section == "problem" { p[key] = setting } else { r[key] = setting }
        let swept = values.contains { $0.axis == axis }
        let newValues = swept ? values.map { $0.axis == axis ? (axis, setting, $0.dimension) : $0 }
            : values + [(axis, setting, (values.map(\.dimension).max() ?? -1) + 1)]
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
    /// The Cartesian product of the sweep's dimensions (first varies slowest; zipped axes take their k-th
    /// values together); one point without a sweep.
    var gridPoints: [GridPoint] {
        var points = [GridPoint(values: [], problem: problem, run: run)]
        for dimension in SweepAxis.dimensions(sweep) {
            points = points.flatMap { point in
                (0..<dimension.length).map { k in
                    var p = point.problem, r = point.run, values = point.values
                    for axis in dimension.axes.map({ sweep[$0] }) {
                        if axis.section == "problem" { p[axis.key] = axis.values[k] } else { r[axis.key] = axis.values[k] }
                        values.append((axis.name, axis.values[k], axis.dimension))
                    }
                    return GridPoint(values: values, problem: p, run: r)
                }
            }
        }
        return points
    }
}
