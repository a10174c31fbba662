import BrineWalkthroughs

// Walkthrough 3: a StandardScaler and a RandomForest saved separately, loaded, used in order.
// Run: swift run 03-complex-models
runNotebook("03-complex-models") { context in
    _ = try ComplexModelsWalkthrough.run(context)
}
