import BrineWalkthroughs

// Walkthrough 2: fit LogisticRegression on breast_cancer, save, load, compare predictions.
// Run: swift run 02-simple-model
runNotebook("02-simple-model") { context in
    _ = try SimpleModelWalkthrough.run(context)
}
