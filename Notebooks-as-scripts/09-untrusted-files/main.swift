import BrineWalkthroughs

// Walkthrough 9: tampered files are refused with a precise reason; nothing runs.
// Run: swift run 09-untrusted-files
runNotebook("09-untrusted-files") { context in
    _ = try UntrustedFilesWalkthrough.run(context)
}
