import BrineWalkthroughs

// Walkthrough 4: one forest uncompressed, at gzip 3 and 9, and by .gz name; sizes and times.
// Run: swift run 04-compression
runNotebook("04-compression") { context in
    _ = try CompressionWalkthrough.run(context)
}
