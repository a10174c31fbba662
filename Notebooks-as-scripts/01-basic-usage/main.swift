import BrineWalkthroughs

// Walkthrough 1: save and load a plain Codable value (what pickle does for a dict).
// Run: swift run 01-basic-usage
runNotebook("01-basic-usage") { context in
    _ = try BasicUsageWalkthrough.run(context)
}
