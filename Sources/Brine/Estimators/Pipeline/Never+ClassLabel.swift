extension Never: ClassLabel {
    /// `"Never"`: the label type of a pipeline without a classifier (``Pipeline``/``PipelineModel`` of `Never`).
    public static var labelTypeName: String { "Never" }
}
