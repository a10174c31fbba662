extension LogisticRegression: Codable {
    private enum CodingKeys: String, CodingKey {
        case c, fitIntercept, tolerance, maxIterations, solver
    }

    /// Decodes hyperparameters; a missing `solver` means L-BFGS (files written by 0.1.0 have none).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            c: try container.decode(Double.self, forKey: .c),
            fitIntercept: try container.decode(Bool.self, forKey: .fitIntercept),
            tolerance: try container.decode(Double.self, forKey: .tolerance),
            maxIterations: try container.decode(Int.self, forKey: .maxIterations),
            solver: try container.decodeIfPresent(LogisticRegressionSolver.self, forKey: .solver) ?? .lbfgs)
    }

    /// Encodes the hyperparameters; `solver` is written only when it is not the default L-BFGS, so
    /// that an L-BFGS model's manifest is the same as in 0.1.0.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(c, forKey: .c)
        try container.encode(fitIntercept, forKey: .fitIntercept)
        try container.encode(tolerance, forKey: .tolerance)
        try container.encode(maxIterations, forKey: .maxIterations)
        if solver != .lbfgs { try container.encode(solver, forKey: .solver) }
    }
}
