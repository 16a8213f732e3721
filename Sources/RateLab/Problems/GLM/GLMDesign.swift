import RateLabLinalg

/// The rows of a GLM, ready for `GLMProblem`: read from a LIBSVM file or drawn synthetically,
/// reordered by the split and cut into worker blocks.
struct GLMDesign {
    let data: Dataset
    let partition: WorkerPartition
    /// x_true of synthetic data; nil for a data file.
    let groundTruth: [Double]?

    /// Synthetic data: n = `spec.totalSamples` or p·m rows of d standard Gaussian features (stream `.data`, 0),
    /// x_true ~ N(0, I_d) (stream `.data`, 1), targets y_k = `target`(a_kᵀx_true, rng) with rng the
    /// `.noise` stream. Or, when `spec.dataPath` is set, the file's rows with labels mapped by `labels`.
    init(
        _ spec: ProblemSpec, defaultDimension: Int, defaultSamplesPerWorker: Int,
        labels: (Dataset) throws -> [Double],
        target: (Double, inout RandomStream) -> Double
    ) throws {
        let file: Dataset
        if let path = spec.dataPath {
            try spec.refuse(["dimension", "samplesPerWorker", "totalSamples"], reason: "the data file \(path) fixes n and d")
            file = try GLMDesign.read(path, labels: labels)
            groundTruth = nil
        } else {
            let d = try spec.positiveCount("dimension", spec.dimension, default: defaultDimension)
            let n = try spec.rowCount(defaultSamplesPerWorker: defaultSamplesPerWorker)
            var featureStream = RandomStream(seed: spec.seed, stream: 0, purpose: .data)
            let a = AlignedRows(rows: n, cols: d) { _, row in
                for j in 0..<d { row[j] = featureStream.nextGaussian() }
            }
            var truthStream = RandomStream(seed: spec.seed, stream: 1, purpose: .data)
            let xTrue = (0..<d).map { _ in truthStream.nextGaussian() }
            var noise = RandomStream(seed: spec.seed, purpose: .noise)
            let y = GLMKernels.margins(a, xTrue).map { target($0, &noise) }
            file = Dataset(features: a, labels: y, source: "synthetic \(n)×\(d) (seed \(spec.seed))")
            groundTruth = xTrue
        }
        (data, partition) = try GLMDesign.split(file, spec)
    }

    /// The spectral facts of G = AᵀWA (and K = W^{1/2}AAᵀW^{1/2} when n ≤ d) for these rows and
    /// the partition's weights w_k.
    func weightedGram() throws -> WeightedGram {
        try WeightedGram(features: data.features, weights: partition.weights)
    }

    /// The rows of the LIBSVM file at `path`, with labels mapped by `labels`.
    static func read(_ path: String, labels: (Dataset) throws -> [Double]) throws -> Dataset {
        let raw = try Dataset.read(path: path)
        return Dataset(features: raw.features, labels: try labels(raw), source: raw.source, lines: raw.lines)
    }

    /// `file`'s rows reordered by `spec.split` and cut into `spec.workers` contiguous blocks, or shared
    /// by every worker (`.global`).
    static func split(_ file: Dataset, _ spec: ProblemSpec) throws -> (data: Dataset, partition: WorkerPartition) {
        let partition = spec.split == .global ? try WorkerPartition.globalPool(rowCount: file.rowCount, workers: spec.workers)
            : try WorkerPartition(rowCount: file.rowCount, workers: spec.workers)
        let order = WorkerPartition.order(rowCount: file.rowCount, split: spec.split, seed: spec.seed)
        return (order.elementsEqual(0..<file.rowCount) ? file : file.reordered(order), partition)
    }
}
