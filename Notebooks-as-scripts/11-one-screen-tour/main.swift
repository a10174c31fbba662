import BrineWalkthroughs

// Walkthrough 11: fit, save, load, predict on a toy set.
// Run: swift run 11-one-screen-tour
runNotebook("11-one-screen-tour") { context in
    _ = try OneScreenTourWalkthrough.run(context)
}
