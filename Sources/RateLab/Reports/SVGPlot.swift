/// A line plot rendered as a self-contained SVG document (no scripts, no external fonts).
///
/// It draws series as polylines (optionally with point markers), shaded bands between a lower and an
/// upper curve (e.g. a quantile band across seeds), grid lines and labelled ticks (powers of 10 on
/// log axes, about five nice values on linear axes, fewer when their labels would collide, see
/// `PlotAxis`), a title (wrapped to the image width), axis labels and a legend to the right of the
/// plot area (names wrapped to its column; the image grows downwards when the legend is taller than the
/// plot). The axes cover every drawable point of every series and band. Colors are the Okabe–Ito
/// palette, distinguishable with the common color-vision deficiencies.
///
/// A point is drawable when its coordinates are finite and, on a log axis, positive; other points
/// are skipped and break the line (or band) into separate pieces. Pixel coordinates are rounded to
/// two decimals, so the output is deterministic text.
public struct SVGPlot: Sendable {
    /// How an axis maps values to positions: proportionally, or proportionally to log10(value).
    public enum Scale: Sendable { case linear, log }

    /// How a series' line is stroked.
    public enum LineStyle: Sendable {
        case solid, dashed, dotted, dashDot

        /// The SVG `stroke-dasharray` value, nil for a solid line.
        var dashArray: String? {
            switch self {
            case .solid: return nil
            case .dashed: return "6 4"
            case .dotted: return "1.5 3"
            case .dashDot: return "6 3 1.5 3"
            }
        }

        /// ` stroke-dasharray="…"`, to append to the attributes of a stroked element; "" for a solid line.
        var dashAttribute: String {
            dashArray.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        }
    }

    /// A curve y(x) given by points (x[i], y[i]), e.g. a median error curve, a fitted line or a
    /// theoretical bound (reference lines are series with a dashed or dotted style).
    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var style: LineStyle
        /// Whether to draw a dot at every drawable point.
        public var markers: Bool
        /// A CSS color; nil takes the next color of the palette (in the order series are added).
        public var color: String?

        public init(name: String, x: [Double], y: [Double], style: LineStyle = .solid, markers: Bool = false, color: String? = nil) {
            self.name = name
            self.x = x
            self.y = y
            self.style = style
            self.markers = markers
            self.color = color
        }
    }

    /// A shaded region between low[i] and high[i] over x[i], e.g. the 10 %–90 % quantile band across seeds.
    public struct Band: Sendable {
        public var name: String
        public var x: [Double]
        public var low: [Double]
        public var high: [Double]
        /// A CSS color, filled at 20 % opacity; nil takes the palette color of the same index as the
        /// band's position among bands, so band k matches series k by default.
        public var color: String?

        public init(name: String, x: [Double], low: [Double], high: [Double], color: String? = nil) {
            self.name = name
            self.x = x
            self.low = low
            self.high = high
            self.color = color
        }
    }

    /// Default colors, used in order: the Okabe–Ito palette (Okabe & Ito 2008), safe for deuteranopia,
    /// protanopia and tritanopia, yellow last (it is the faintest on white).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    public let title: String
    public let xLabel: String
    public let yLabel: String
    public let xScale: Scale
    public let yScale: Scale
    /// Size of the image in pixels.
    public let width: Int
    public let height: Int
    public private(set) var series: [Series] = []
    public private(set) var bands: [Band] = []

    /// An empty plot of `width` × `height` pixels (raised to at least 320 × 240 so the plot area is not empty).
    public init(title: String, xLabel: String, yLabel: String, xScale: Scale, yScale: Scale, width: Int = 640, height: Int = 420) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.width = max(width, 320)
        self.height = max(height, 240)
    }

    /// Adds a series, drawn above all bands; throws `ReportError.coordinateCount` if x and y differ in length.
    public mutating func add(_ series: Series) throws {
        guard series.x.count == series.y.count else {
            throw ReportError.coordinateCount(plot: title, item: series.name,
                                              lengths: "x has \(series.x.count) values, y has \(series.y.count)")
        }
        self.series.append(series)
    }

    /// Adds a band, drawn below all series; throws `ReportError.coordinateCount` unless x, low and high have equal length.
    public mutating func add(_ band: Band) throws {
        guard band.x.count == band.low.count && band.x.count == band.high.count else {
            throw ReportError.coordinateCount(
                plot: title, item: band.name,
                lengths: "x has \(band.x.count) values, low has \(band.low.count), high has \(band.high.count)")
        }
        bands.append(band)
    }

    /// Writes `render()` to `path` atomically (see `AtomicFile`).
    public func write(to path: String) throws {
        try AtomicFile.write(render(), to: path)
    }

    /// The SVG document, starting with an XML declaration and ending with "\n".
    public func render() -> String {
        let xValues = series.flatMap(\.x) + bands.flatMap(\.x)
        let yValues = series.flatMap(\.y) + bands.flatMap(\.low) + bands.flatMap(\.high)
        let titleLines = TextWrap.lines(title, maxCharacters: Int((Double(width) - 24) / 8))
        let firstY = PlotAxis(scale: yScale, covering: yValues)
        // The frame depends on the y labels' width only; then each axis loses ticks until its labels fit.
        let frame = plotFrame(yAxis: firstY, titleLines: titleLines.count)
        let xAxis = Self.fitted(xScale, xValues, length: frame.width)
        let yAxis = Self.fitted(yScale, yValues, length: frame.height, labelHeight: true)
        let canvas = SVGCanvas(frame: frame, xAxis: xAxis, yAxis: yAxis)
        let seriesColors = Self.colors(series.map(\.color))
        let bandColors = Self.colors(bands.map(\.color))
        let legend = canvas.legend(series: Array(zip(series, seriesColors)), bands: Array(zip(bands, bandColors)),
                                   maxCharacters: legendCharacters)
        // Grown downwards when the legend is taller than the plot.
        let imageHeight = max(height, Int(legend.bottom.rounded(.up)) + 8)

        var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(imageHeight)\""
        svg += " viewBox=\"0 0 \(width) \(imageHeight)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<rect width=\"\(width)\" height=\"\(imageHeight)\" fill=\"white\"/>\n"
        svg += "<defs><clipPath id=\"plot-clip\"><rect \(canvas.frameAttributes)/></clipPath></defs>\n"
        for (k, line) in titleLines.enumerated() {
            svg += "<text x=\(canvas.quoted(Double(width) / 2)) y=\"\(24 + 18 * k)\" text-anchor=\"middle\" font-size=\"15\">"
            svg += "\(XMLText.content(line))</text>\n"
        }
        svg += canvas.gridAndTicks()
        svg += "<g clip-path=\"url(#plot-clip)\">\n"
        for (band, color) in zip(bands, bandColors) {
            svg += canvas.band(band, color: color)
        }
        for (line, color) in zip(series, seriesColors) {
            svg += canvas.series(line, color: color)
        }
        svg += "</g>\n"
        svg += "<rect class=\"plot-area\" \(canvas.frameAttributes) fill=\"none\" stroke=\"#333333\"/>\n"
        svg += canvas.axisLabels(x: xLabel, y: yLabel, imageHeight: Double(height))
        svg += legend.markup
        svg += "</svg>\n"
        return svg
    }

    /// The axis over `values` with the most ticks (density 5 down to 1) whose labels fit `length` pixels;
    /// a vertical axis (`labelHeight`) needs 12 px of height per label instead of the label's width.
    private static func fitted(_ scale: Scale, _ values: [Double], length: Double, labelHeight: Bool = false) -> PlotAxis {
        var density = 5
        while true {
            let axis = PlotAxis(scale: scale, covering: values, density: density)
            let fits = labelHeight ? Double(max(1, axis.ticks.count - 1)) * 14 <= length : axis.fits(length: length)
            if fits || density == 1 { return axis }
            density -= 1
        }
    }

    /// The legend column's width in characters of 6.5 px (names are wrapped to it).
    private var legendCharacters: Int { max(8, Int((legendWidth - 40) / 6.5)) }

    /// The legend column's width: the longest name at 6.5 px per character plus the swatch, at most a
    /// third of the image (longer names wrap); 0 without named items.
    private var legendWidth: Double {
        let names = series.map(\.name) + bands.map(\.name)
        let longestName = names.map(\.count).max() ?? 0
        return names.contains { !$0.isEmpty } ? min(Double(width) / 3, 40 + 6.5 * Double(longestName)) : 0
    }

    /// The color of each item: its own, or else the palette color of its index among the items of its kind.
    private static func colors(_ explicit: [String?]) -> [String] {
        explicit.enumerated().map { $0.element ?? palette[$0.offset % palette.count] }
    }

    /// The plot area in pixels: the image minus room for the title's lines (top), the x tick labels and
    /// label (bottom), the y tick labels and label (left, sized to the widest tick label) and the legend
    /// (right, `legendWidth`).
    private func plotFrame(yAxis: PlotAxis, titleLines: Int) -> SVGCanvas.Frame {
        let top = titleLines == 0 ? 16.0 : 22.0 + 18 * Double(titleLines)
        let bottom = 52.0
        let widestTick = yAxis.ticks.map(yAxis.labelWidth).max() ?? 0
        let left = 36 + widestTick
        let right = 16 + legendWidth
        return SVGCanvas.Frame(left: left, top: top, width: Double(width) - left - right, height: Double(height) - top - bottom)
    }
}
