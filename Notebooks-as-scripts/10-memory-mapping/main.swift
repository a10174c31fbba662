import BrineWalkthroughs

// Walkthrough 10: a large forest loaded memory-mapped versus copied.
// Run: swift run 10-memory-mapping
runNotebook("10-memory-mapping") { context in
    _ = try MemoryMappingWalkthrough.run(context)
}
