extension RandomForestClassifier: Codable {
    private enum CodingKeys: String, CodingKey {
        case nEstimators, criterion, maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures, bootstrap, oobScore, seed, threadCount, inputPrecision
    }

    /// Decodes hyperparameters; missing keys take their default values (a forest file of layout 1,
    /// which has no `inputPrecision`, is given ``InputPrecision/float64`` by its decoder). The seed is a JSON
    /// integer, or a decimal string for seeds above `Int64.max`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RandomForestClassifier()
        var seed = defaults.seed
        if let integer = try? container.decodeIfPresent(UInt64.self, forKey: .seed) {
            seed = integer
        } else if let text = try container.decodeIfPresent(String.self, forKey: .seed) {
            guard let parsed = UInt64(text) else {
                throw DecodingError.dataCorruptedError(forKey: .seed, in: container, debugDescription: "seed \"\(text)\" is not a UInt64")
            }
            seed = parsed
        }
        self.init(
            nEstimators: try container.decodeIfPresent(Int.self, forKey: .nEstimators) ?? defaults.nEstimators,
            criterion: try container.decodeIfPresent(SplitCriterion.self, forKey: .criterion) ?? defaults.criterion,
            maxDepth: try container.decodeIfPresent(Int.self, forKey: .maxDepth),
            minSamplesSplit: try container.decodeIfPresent(Int.self, forKey: .minSamplesSplit) ?? defaults.minSamplesSplit,
            minSamplesLeaf: try container.decodeIfPresent(Int.self, forKey: .minSamplesLeaf) ?? defaults.minSamplesLeaf,
            maxFeatures: try container.decodeIfPresent(MaxFeatures.self, forKey: .maxFeatures) ?? defaults.maxFeatures,
            bootstrap: try container.decodeIfPresent(Bool.self, forKey: .bootstrap) ?? defaults.bootstrap,
            oobScore: try container.decodeIfPresent(Bool.self, forKey: .oobScore) ?? defaults.oobScore,
            seed: seed,
            threadCount: try container.decodeIfPresent(Int.self, forKey: .threadCount),
            inputPrecision: try container.decodeIfPresent(InputPrecision.self, forKey: .inputPrecision) ?? defaults.inputPrecision)
    }

    /// Encodes every hyperparameter (`maxDepth` and `threadCount` as `null` when unset).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nEstimators, forKey: .nEstimators)
        try container.encode(criterion, forKey: .criterion)
        try container.encode(maxDepth, forKey: .maxDepth)
        try container.encode(minSamplesSplit, forKey: .minSamplesSplit)
        try container.encode(minSamplesLeaf, forKey: .minSamplesLeaf)
        try container.encode(maxFeatures, forKey: .maxFeatures)
        try container.encode(bootstrap, forKey: .bootstrap)
        try container.encode(oobScore, forKey: .oobScore)
        if seed <= UInt64(Int64.max) {
            try container.encode(seed, forKey: .seed)
        } else {
            try container.encode(String(seed), forKey: .seed)
        }
        try container.encode(threadCount, forKey: .threadCount)
        try container.encode(inputPrecision, forKey: .inputPrecision)
    }
}
