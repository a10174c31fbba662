import BrineWalkthroughs

// Walkthrough 5: always save preprocessing — the whole Pipeline in one file.
// Run: swift run 05-pipeline
runNotebook("05-pipeline") { context in
    _ = try PipelineWalkthrough.run(context)
}
