extension PipelineModel: Persistable {
    /// `"Pipeline"`.
    public static var modelTypeName: String { "Pipeline" }
    /// 1.
    public static var modelLayoutVersion: Int { 1 }
    /// The label type, or `nil` for `PipelineModel<Never>` (registered as plain `"Pipeline"`).
    public static var modelLabelTypeName: String? { Label.self == Never.self ? nil : Label.labelTypeName }

    /// The deepest nesting of pipelines a file may hold (a pipeline as a step of a pipeline …).
    public static var maximumNestingDepth: Int { 8 }

    /// Writes each step as a child archive named after the step, the step kinds and estimator
    /// names in the hyperparameters (`steps: [{name, kind, estimator}]`), the attributes
    /// `featureCount` and `stepKinds`, and the classifier's classes.
    ///
    /// - Throws: what a step's encoder throws.
    public func encode(into archive: inout ModelArchive) throws {
        archive.featureNames = featureNames
        archive.attributes["featureCount"] = .int(featureCount)
        archive.attributes["stepKinds"] = .array(steps.map { .string($0.kind) })
        archive.hyperparameters = [
            "steps": .array(steps.map { step in
                .object([
                    "name": .string(step.name), "kind": .string(step.kind),
                    "estimator": .string(type(of: step.fittedModel).modelTypeName),
                ])
            }),
        ]
        if let classifier {
            try archive.setClasses(classifier.classes)
        } else {
            archive.classes = nil
            archive.labelTypeName = Self.modelLabelTypeName
        }
        archive.children = try steps.map { step in
            ModelArchive.Child(name: step.name, archive: try Self.archive(of: step.fittedModel))
        }
    }

    static func archive<Model: Persistable>(of model: Model) throws -> ModelArchive {
        var archive = ModelArchive(for: Model.self)
        try model.encode(into: &archive)
        return archive
    }

    /// Rebuilds the pipeline, decoding each child through ``ModelRegistry/shared`` and checking that
    /// it is of the kind recorded (`stepKinds`), that a classifier's label type and classes agree with
    /// the pipeline's, and that the first step expects `featureCount` features.
    ///
    /// - Throws: ``PersistenceError`` naming the first problem (an unregistered step type, a step of the
    ///   wrong kind, nesting deeper than ``maximumNestingDepth``, …).
    public static func decode(from archive: ModelArchive) throws -> PipelineModel<Label> {
        try archive.checkType(Self.self)
        guard archive.labelTypeName == modelLabelTypeName else {
            throw PersistenceError.labelTypeMismatch(
                expected: modelLabelTypeName ?? "none", actual: archive.labelTypeName ?? "none")
        }
        // Bound the nesting before decoding children (each nested pipeline decodes recursively).
        var frontier = archive.children.map(\.archive)
        var depth = 1
        while !frontier.isEmpty {
            guard depth <= maximumNestingDepth else {
                throw PersistenceError.inconsistentModel("pipelines are nested more than \(maximumNestingDepth) deep")
            }
            frontier = frontier.flatMap { $0.children.map(\.archive) }
            depth += 1
        }
        guard !archive.children.isEmpty else { throw PersistenceError.inconsistentModel("a pipeline has no steps") }
        guard let kinds = archive.attributes["stepKinds"]?.arrayValue?.compactMap(\.stringValue),
              kinds.count == archive.children.count
        else {
            throw PersistenceError.invalidValue(
                key: "attributes.stepKinds", reason: "expected one string per step (\(archive.children.count))")
        }
        let featureCount = try archive.intAttribute("featureCount", in: 1...Int(Int32.max))
        var steps: [FittedStep] = []
        for (index, (child, kind)) in zip(archive.children, kinds).enumerated() {
            let decoded = try ModelRegistry.shared.decode(child.archive)
            switch kind {
            case "transformer":
                guard let transformer = decoded as? any Transformer else {
                    throw PersistenceError.inconsistentModel(
                        "step \"\(child.name)\" (\(child.archive.typeName)) is not a transformer")
                }
                steps.append(FittedStep(name: child.name, model: .transformer(transformer)))
            case "classifier":
                guard index == archive.children.count - 1 else {
                    throw PersistenceError.inconsistentModel("step \"\(child.name)\" is a classifier but not the last step")
                }
                guard let classifier = decoded as? any Classifier<Label> else {
                    throw PersistenceError.inconsistentModel(
                        "step \"\(child.name)\" (\(child.archive.typeName)) is not a classifier of \(Label.labelTypeName) labels")
                }
                steps.append(FittedStep(name: child.name, model: .classifier(classifier)))
            default:
                throw PersistenceError.invalidValue(
                    key: "attributes.stepKinds", reason: "step \"\(child.name)\" has unknown kind \"\(kind)\"")
            }
        }
        let model: PipelineModel<Label>
        do {
            model = try PipelineModel(steps: steps)
        } catch let error as EstimatorError {
            throw PersistenceError.inconsistentModel(error.description)
        }
        guard model.featureCount == featureCount else {
            throw PersistenceError.inconsistentModel(
                "the pipeline records \(featureCount) features but its first step expects \(model.featureCount)")
        }
        if let names = archive.featureNames, names != model.featureNames {
            throw PersistenceError.inconsistentModel("the pipeline's feature names differ from its first step's")
        }
        if let classifier = model.classifier {
            guard try archive.decodedClasses(as: Label.self) == classifier.classes else {
                throw PersistenceError.inconsistentModel("the pipeline's classes differ from its classifier's")
            }
        } else if archive.classes != nil {
            throw PersistenceError.inconsistentModel("a pipeline without a classifier lists classes")
        }
        return model
    }
}
