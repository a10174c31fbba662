import BrineWalkthroughs

// Walkthrough 6: a model with training date, accuracy and feature names, read back from the header.
// Run: swift run 06-metadata
runNotebook("06-metadata") { context in
    _ = try MetadataWalkthrough.run(context)
}
