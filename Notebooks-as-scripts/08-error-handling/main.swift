import BrineWalkthroughs

// Walkthrough 8: typed errors for the usual mistakes.
// Run: swift run 08-error-handling
runNotebook("08-error-handling") { context in
    _ = try ErrorHandlingWalkthrough.run(context)
}
