/// The Brine library's namespace: its versions, and the entry points that load and
/// inspect model files of any type (see `Brine+Loading.swift` and `Brine+Inspection.swift`).
public enum Brine {
    /// The version of this build of the Brine library (semantic versioning).
    public static let libraryVersion = "0.2.0"

    /// The version of the file format this build writes, `major.minor`.
    ///
    /// A reader accepts files of the same major version, including newer minor versions
    /// (which may only add optional keys); it refuses files of a newer major version.
    public static let formatVersion = "1.0"

    /// The major part of ``formatVersion``.
    static let formatMajorVersion = 1
    /// The minor part of ``formatVersion``.
    static let formatMinorVersion = 0
}
