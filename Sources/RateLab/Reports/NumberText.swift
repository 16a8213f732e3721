/// Text forms of numbers shared by the report formats.
enum NumberText {
    /// The shortest decimal text that parses back (`Double(String)`) to exactly `value`, bit for bit:
    /// Swift's `Double.description` ("0.1", "0.3333333333333333", "1e-300", "-0.0", "5e-324"),
    /// with non-finite values spelled "nan" (any NaN, whatever its sign or payload), "inf" and "-inf".
    static func roundTrip(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }

    /// `value` rounded half away from zero to two decimals, without trailing zeros or a trailing point
    /// ("12.5", "3", "-0.07"); a result that rounds to zero is written "0", never "-0".
    /// Meant for SVG pixel coordinates, so |value| is expected below about 1e15.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        if hundredths == 0 { return "0" }
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var text = hundredths < 0 ? "-\(whole)" : "\(whole)"
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return text
    }

    /// `value` with exactly `decimals` digits after the point (`decimals ≥ 0`), rounded half away from
    /// zero; "-0" (and "-0.00" etc.) is normalized to its unsigned form. Used for tick labels and times.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        guard scaled < 9.0e15 else { return roundTrip(value) }
        let units = Int(scaled)
        let divisor = Int(scale)
        let whole = units / divisor
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return "\(sign)\(whole)" }
        let fraction = String(units % divisor)
        return "\(sign)\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
