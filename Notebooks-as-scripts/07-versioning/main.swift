import BrineWalkthroughs

// Walkthrough 7: versioned file names and a ModelStore with list / latest / rollback.
// Run: swift run 07-versioning
runNotebook("07-versioning") { context in
    _ = try VersioningWalkthrough.run(context)
}
