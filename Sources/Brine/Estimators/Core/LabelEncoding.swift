/// The sorted, distinct classes of a target vector and each target's index among them.
public struct LabelEncoding<Label: ClassLabel>: Sendable, Equatable {
    /// The distinct labels, sorted (scikit-learn's `classes_`).
    public let classes: [Label]
    /// For each target, the index of its label in ``classes``.
    public let indices: [Int]

    /// Encodes `targets`.
    ///
    /// - Throws: ``EstimatorError/emptyData(what:)`` for no targets and ``EstimatorError/singleClass(label:)``
    ///   when `requireTwoClasses` and every target has the same label.
    public init(_ targets: [Label], requireTwoClasses: Bool = true) throws {
        guard let first = targets.first else { throw EstimatorError.emptyData(what: "there are no targets") }
        let classes = Array(Set(targets)).sorted()
        if requireTwoClasses, classes.count < 2 { throw EstimatorError.singleClass(label: "\(first)") }
        var lookup: [Label: Int] = [:]
        for (index, label) in classes.enumerated() { lookup[label] = index }
        self.classes = classes
        self.indices = targets.map { lookup[$0]! }  // every target is in `classes` by construction
    }

    /// The index of each label of `targets` among `classes`.
    ///
    /// - Throws: ``EstimatorError/unknownLabel(_:)`` for a label not in `classes`.
    public static func indices(of targets: [Label], in classes: [Label]) throws -> [Int] {
        var lookup: [Label: Int] = [:]
        for (index, label) in classes.enumerated() { lookup[label] = index }
        return try targets.map { label in
            guard let index = lookup[label] else { throw EstimatorError.unknownLabel("\(label)") }
            return index
        }
    }
}
