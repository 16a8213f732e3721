/// The pixel geometry of an `SVGPlot` and the SVG markup of its parts.
///
/// A value pair (x, y) maps to pixel (left + fx·width, top + (1 − fy)·height), where fx and fy are
/// the positions along the axes as fractions of their length (`PlotAxis.fraction`); SVG's y axis
/// points down, hence 1 − fy. Coordinates are written with at most two decimals.
struct SVGCanvas {
    /// The plot area in pixels.
    struct Frame {
        let left: Double
        let top: Double
        let width: Double
        let height: Double
    }

    let frame: Frame
    let xAxis: PlotAxis
    let yAxis: PlotAxis

    /// `x="…" y="…" width="…" height="…"` of the plot area.
    var frameAttributes: String {
        "x=\(quoted(frame.left)) y=\(quoted(frame.top)) width=\(quoted(frame.width)) height=\(quoted(frame.height))"
    }

    /// `value` rounded to two decimals, in double quotes, for an attribute.
    func quoted(_ value: Double) -> String { "\"\(NumberText.twoDecimals(value))\"" }

    /// The pixel position of the data point (x, y), or nil if it is not drawable on the axes' scales.
    func pixel(_ x: Double, _ y: Double) -> (Double, Double)? {
        guard let fx = xAxis.fraction(x), let fy = yAxis.fraction(y) else { return nil }
        return (frame.left + fx * frame.width, frame.top + (1 - fy) * frame.height)
    }

    /// "x,y x,y …" for an SVG `points` attribute.
    func pointList(_ points: [(Double, Double)]) -> String {
        points.map { "\(NumberText.twoDecimals($0.0)),\(NumberText.twoDecimals($0.1))" }.joined(separator: " ")
    }

    /// Light grid lines at every tick, short tick marks outside the frame, and the tick labels.
    func gridAndTicks() -> String {
        let right = frame.left + frame.width, bottom = frame.top + frame.height
        var grid = "<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">\n"
        var marks = "<g class=\"ticks\" stroke=\"#333333\" stroke-width=\"1\">\n"
        var labels = "<g class=\"tick-labels\" fill=\"#333333\">\n"
        for tick in xAxis.ticks {
            let x = quoted(frame.left + xAxis.fraction(tick) * frame.width)
            grid += "<line x1=\(x) y1=\(quoted(frame.top)) x2=\(x) y2=\(quoted(bottom))/>\n"
            marks += "<line x1=\(x) y1=\(quoted(bottom)) x2=\(x) y2=\(quoted(bottom + 5))/>\n"
            labels += "<text x=\(x) y=\(quoted(bottom + 19)) text-anchor=\"middle\">\(xAxis.label(tick))</text>\n"
        }
        for tick in yAxis.ticks {
            let y = quoted(frame.top + (1 - yAxis.fraction(tick)) * frame.height)
            grid += "<line x1=\(quoted(frame.left)) y1=\(y) x2=\(quoted(right)) y2=\(y)/>\n"
            marks += "<line x1=\(quoted(frame.left - 5)) y1=\(y) x2=\(quoted(frame.left)) y2=\(y)/>\n"
            labels += "<text x=\(quoted(frame.left - 8)) y=\(y) dy=\"0.35em\" text-anchor=\"end\">\(yAxis.label(tick))</text>\n"
        }
        return grid + "</g>\n" + marks + "</g>\n" + labels + "</g>\n"
    }

    /// The x label centred under the tick labels and the y label rotated along the left edge.
    func axisLabels(x: String, y: String, imageHeight: Double) -> String {
        var svg = ""
        if !x.isEmpty {
            svg += "<text x=\(quoted(frame.left + frame.width / 2)) y=\(quoted(imageHeight - 10)) text-anchor=\"middle\">"
            svg += "\(XMLText.content(x))</text>\n"
        }
        if !y.isEmpty {
            let centre = NumberText.twoDecimals(frame.top + frame.height / 2)
            svg += "<text x=\"16\" y=\"\(centre)\" transform=\"rotate(-90 16 \(centre))\" text-anchor=\"middle\">"
            svg += "\(XMLText.content(y))</text>\n"
        }
        return svg
    }

    /// The series as one polyline per unbroken run of drawable points (a lone point becomes a dot),
    /// plus a dot per point if it asks for markers.
    func series(_ series: SVGPlot.Series, color: String) -> String {
        let pieces = runs(count: series.x.count) { pixel(series.x[$0], series.y[$0]) }
        let stroke = XMLText.attribute(color)
        var svg = "<g class=\"series\">\n"
        for piece in pieces where piece.count > 1 {
            svg += "<polyline points=\"\(pointList(piece))\" fill=\"none\" stroke=\"\(stroke)\""
            svg += " stroke-width=\"1.75\" stroke-linejoin=\"round\"\(series.style.dashAttribute)/>\n"
        }
        for piece in pieces where series.markers || piece.count == 1 {
            for (x, y) in piece {
                svg += "<circle cx=\(quoted(x)) cy=\(quoted(y)) r=\"2.5\" fill=\"\(stroke)\"/>\n"
            }
        }
        return svg + "</g>\n"
    }

    /// The band as one polygon per unbroken run of points where x, low and high are all drawable:
    /// along the upper curve left to right, then back along the lower curve.
    func band(_ band: SVGPlot.Band, color: String) -> String {
        let pieces = runs(count: band.x.count) { index -> [(Double, Double)]? in
            guard let upper = pixel(band.x[index], band.high[index]),
                  let lower = pixel(band.x[index], band.low[index]) else { return nil }
            return [upper, lower]
        }
        var svg = ""
        for piece in pieces {
            let outline = piece.map { $0[0] } + piece.reversed().map { $0[1] }
            svg += "<polygon class=\"band\" points=\"\(pointList(outline))\" fill=\"\(XMLText.attribute(color))\""
            svg += " fill-opacity=\"0.2\" stroke=\"none\"/>\n"
        }
        return svg
    }

    /// The legend right of the plot area: a line (with the series' dash and marker) or a shaded swatch
    /// per named item, in the item's color as drawn, then its name wrapped to `maxCharacters` per line;
    /// series first, then bands. Returns the markup and the y of its lowest line.
    func legend(series: [(SVGPlot.Series, String)], bands: [(SVGPlot.Band, String)], maxCharacters: Int) -> (markup: String, bottom: Double) {
        let x = frame.left + frame.width + 12
        var y = frame.top + 8
        var svg = "<g class=\"legend\">\n"
        /// The name's lines under each other, the first at the swatch's height.
        func name(_ text: String) {
            let lines = TextWrap.lines(text, maxCharacters: maxCharacters)
            for (k, line) in lines.enumerated() {
                svg += "<text x=\(quoted(x + 28)) y=\(quoted(y + 15 * Double(k))) dy=\"0.35em\">\(XMLText.content(line))</text>\n"
            }
            y += 18 + 15 * Double(max(0, lines.count - 1))
        }
        for (line, lineColor) in series where !line.name.isEmpty {
            let color = XMLText.attribute(lineColor)
            svg += "<line x1=\(quoted(x)) y1=\(quoted(y)) x2=\(quoted(x + 22)) y2=\(quoted(y)) stroke=\"\(color)\""
            svg += " stroke-width=\"1.75\"\(line.style.dashAttribute)/>\n"
            if line.markers {
                svg += "<circle cx=\(quoted(x + 11)) cy=\(quoted(y)) r=\"2.5\" fill=\"\(color)\"/>\n"
            }
            name(line.name)
        }
        for (band, bandColor) in bands where !band.name.isEmpty {
            let color = XMLText.attribute(bandColor)
            svg += "<rect x=\(quoted(x)) y=\(quoted(y - 5)) width=\"22\" height=\"10\" fill=\"\(color)\" fill-opacity=\"0.2\"/>\n"
            name(band.name)
        }
        return (svg + "</g>\n", y)
    }

    /// The maximal runs of consecutive indices in 0..<count for which `point` is non-nil, with their values.
    private func runs<Point>(count: Int, _ point: (Int) -> Point?) -> [[Point]] {
        var pieces: [[Point]] = []
        var current: [Point] = []
        for index in 0..<count {
            if let value = point(index) {
                current.append(value)
            } else if !current.isEmpty {
                pieces.append(current)
                current = []
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
