import Foundation

/// The value range and tick marks of one plot axis, independent of pixels.
///
/// Linear axes get about `density` (default five) "nice" steps: the step is 1, 2 or 5 × 10^e, and the
/// range is widened to whole steps around the data. Log axes work on t = log10(value): the range is
/// widened to whole decades, with a tick every decade, or every k decades (k ≥ 1) so that there are at
/// most 2·`density` − 1 ticks (9 by default). A plot lowers the density until the labels fit (`fits`).
/// Tick labels are computed from integers (no floating-point printing), so they are exact.
struct PlotAxis {
    /// A tick at value `mantissa` × 10^`exponent` (log axes: mantissa 1, the decade exponent).
    struct Tick {
        let mantissa: Int
        let exponent: Int
    }

    let scale: SVGPlot.Scale
    /// Range ends in axis coordinates t (the value itself, or log10 of it on log axes).
    let lower: Double
    let upper: Double
    let ticks: [Tick]
    /// Whether linear tick labels use scientific notation: chosen once per axis, when some tick would
    /// need more than four decimals or more than seven digits in plain decimal, so labels stay uniform.
    let scientific: Bool

    /// The axis that covers every value in `values` valid on `scale` (finite, and positive on log
    /// axes). With no valid values it spans [0, 1] (linear) or [1, 10] (log); a single distinct value
    /// v is widened to v ± max(|v|/10, 1) (linear) or to its enclosing decade (log).
    init(scale: SVGPlot.Scale, covering values: [Double], density: Int = 5) {
        self.scale = scale
        let valid = values.filter { Self.isValid($0, on: scale) }
        switch scale {
        case .linear:
            var low = valid.min() ?? 0, high = valid.max() ?? 1
            if low == high {
                let half = max(abs(low) / 10, 1)
                (low, high) = (low - half, high + half)
            }
            let (mantissa, exponent) = Self.niceStep(forSpan: high / Double(density) - low / Double(density))
            let step = Double(mantissa) * Self.power10(exponent)
            // A slack of 1e-9 steps keeps a value that is a whole number of steps up to rounding error
            // (3e-5 / 5e-6 = 6.000000000000001) from adding an empty step; data may then overhang the
            // range by at most 1e-9 of a step, far below the 0.01 px resolution of the output.
            let first = Int((low / step + 1e-9).rounded(.down)), last = Int((high / step - 1e-9).rounded(.up))
            ticks = (first...last).map { Tick(mantissa: $0 * mantissa, exponent: exponent) }
            lower = Double(first) * step
            upper = Double(last) * step
            scientific = ticks.contains { tick in
                let (digits, exponent) = Self.significantDigits(tick)
                return tick.mantissa != 0 && (exponent < -4 || digits.count + exponent > 7)
            }
        case .log:
            var low = Int(log10(valid.min() ?? 1).rounded(.down))
            var high = Int(log10(valid.max() ?? 10).rounded(.up))
            if high == low { high += 1 }
            let stride = max(1, (high - low + 2 * density - 3) / (2 * density - 2))
            low = Self.floorDivide(low, stride) * stride
            high = -Self.floorDivide(-high, stride) * stride
            ticks = Swift.stride(from: low, through: high, by: stride).map { Tick(mantissa: 1, exponent: $0) }
            lower = Double(low)
            upper = Double(high)
            scientific = false
        }
    }

    /// Whether the tick labels, laid along `length` pixels, keep at least 8 px between neighbours.
    func fits(length: Double) -> Bool {
        guard ticks.count > 1 else { return true }
        let spacing = length / Double(ticks.count - 1)
        return (ticks.map(labelWidth).max() ?? 0) + 8 <= spacing
    }

    /// Whether `value` can be drawn on `scale`: finite, and also positive on a log scale.
    static func isValid(_ value: Double, on scale: SVGPlot.Scale) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }

    /// Where `value` falls along the axis as a fraction of its length (0 at `lower`, 1 at `upper`),
    /// or nil if `value` is not valid on the scale.
    func fraction(_ value: Double) -> Double? {
        guard Self.isValid(value, on: scale) else { return nil }
        let t = scale == .log ? log10(value) : value
        return (t - lower) / (upper - lower)
    }

    /// Where `tick` falls along the axis, as a fraction of its length.
    func fraction(_ tick: Tick) -> Double {
        let t = scale == .log ? Double(tick.exponent) : Double(tick.mantissa) * Self.power10(tick.exponent)
        return (t - lower) / (upper - lower)
    }

    /// The label of `tick` as SVG text content (already escaped): "10" with a superscript exponent on
    /// log axes; on linear axes a decimal ("0.25", "−3", "1500") or, if the axis
    /// is `scientific`, scientific notation ("2.5e−5").
    func label(_ tick: Tick) -> String {
        if scale == .log {
            return "10<tspan dy=\"-5\" font-size=\"9\">\(Self.minusSign(String(tick.exponent)))</tspan>"
        }
        return Self.minusSign(decimal(tick))
    }

    /// Estimated width of `label(tick)` in pixels at a 12 px sans-serif font (6.5 px per character,
    /// 6 px per superscript character: the minus sign U+2212 is wider than a hyphen).
    func labelWidth(_ tick: Tick) -> Double {
        if scale == .log { return 16 + 6 * Double(String(tick.exponent).count) }
        return 6.5 * Double(decimal(tick).count)
    }

    /// The tick's value written exactly, in plain decimal or (if `scientific`) in scientific notation.
    private func decimal(_ tick: Tick) -> String {
        if tick.mantissa == 0 { return "0" }
        let sign = tick.mantissa < 0 ? "-" : ""
        let (digits, exponent) = Self.significantDigits(tick)
        if scientific {
            let fraction = digits.dropFirst()
            return sign + String(digits.prefix(1)) + (fraction.isEmpty ? "" : "." + fraction) + "e\(exponent + digits.count - 1)"
        }
        if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
        let padded = String(repeating: "0", count: max(0, -exponent - digits.count + 1)) + digits
        let point = padded.index(padded.endIndex, offsetBy: exponent)
        return sign + padded[..<point] + "." + padded[point...]
    }

    /// |mantissa| × 10^exponent of `tick` as (digits without trailing zeros, exponent of the last digit).
    private static func significantDigits(_ tick: Tick) -> (String, Int) {
        var digits = String(tick.mantissa.magnitude)
        var exponent = tick.exponent
        while digits.count > 1 && digits.hasSuffix("0") {
            digits.removeLast()
            exponent += 1
        }
        return (digits, exponent)
    }

    /// A step of 1, 2 or 5 × 10^e close to `span` (a fifth of the range), as (mantissa, e).
    private static func niceStep(forSpan span: Double) -> (Int, Int) {
        let exponent = Int(log10(span).rounded(.down))
        let normalized = span / power10(exponent)
        switch normalized {
        case ..<1.5: return (1, exponent)
        case ..<3.5: return (2, exponent)
        case ..<7.5: return (5, exponent)
        default: return (1, exponent + 1)
        }
    }

    /// 10^e as a Double.
    private static func power10(_ exponent: Int) -> Double { pow(10, Double(exponent)) }

    /// ⌊a / b⌋ for b > 0.
    private static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// `text` with ASCII hyphen-minus replaced by the typographic minus sign U+2212.
    private static func minusSign(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\u{2212}") }
}
