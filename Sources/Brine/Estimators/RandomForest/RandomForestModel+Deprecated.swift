/// The fitted random forest's name before 0.2.0.
///
/// Renamed so that every fitted type is its estimator's name + `Model`; files are unaffected (their
/// manifest type name stays `"RandomForest"`).
@available(*, deprecated, renamed: "RandomForestClassifierModel")
public typealias RandomForestModel<Label: ClassLabel> = RandomForestClassifierModel<Label>
