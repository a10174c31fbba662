import Brine
import Foundation

/// Renders a `brine_bench.json` report as Markdown tables.
enum BenchmarkReport {
    static func markdown(_ report: JSONValue) -> String {
        var lines = ["# Brine benchmark", ""]
        if let environment = report["environment"]?.objectValue {
            lines.append("- machine: \(environment["cpu"]?.stringValue ?? "?"), \(environment["cores"]?.intValue ?? 0) cores; tree threads \(environment["tree_threads"]?.intValue ?? 0); OPENBLAS_NUM_THREADS=\(environment["OPENBLAS_NUM_THREADS"]?.stringValue ?? "?")")
        }
        lines.append("- started \(report["started_utc"]?.stringValue ?? "?"), total \(format(report["total_wall_s"]?.doubleValue)) s")
        lines += ["", "| dataset | model | fit ms | test acc | log loss | 1-row µs [p10–p90] | rows/s (test) | rows/s (10k) |",
                  "|---|---|---:|---:|---:|---|---:|---:|"]
        let datasets = report["datasets"]?.objectValue ?? [:]
        let order = ["iris", "wine", "breast_cancer", "digits", "synthetic_100k"]
        let names = order.filter { datasets[$0] != nil } + datasets.keys.filter { !order.contains($0) }.sorted()
        for name in names {
            guard let models = datasets[name]?["models"]?.objectValue else { continue }
            for model in ["scaler", "logreg", "pipeline", "rf"] {
                guard let m = models[model] else { continue }
                let latency = m["latency"]
                lines.append("| \(name) | \(model) | \(format(m["fit_ms"]?.doubleValue)) | \(format(m["accuracy"]?.doubleValue, digits: 4)) | \(format(m["log_loss"]?.doubleValue, digits: 4)) | \(format(latency?["median_us"]?.doubleValue)) [\(format(latency?["p10_us"]?.doubleValue))–\(format(latency?["p90_us"]?.doubleValue))] | \(format(m["rows_per_s_test"]?.doubleValue, digits: 0)) | \(format(m["rows_per_s_batch"]?.doubleValue, digits: 0)) |")
            }
        }
        lines += ["", "| dataset | model | bytes | save+fsync ms | load ms | load mmap ms | gzip-3 bytes | gzip-3 save ms | gzip-3 load ms |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for name in names {
            guard let persistence = datasets[name]?["persistence"]?.objectValue else { continue }
            for model in ["scaler", "logreg", "pipeline", "rf"] {
                guard let p = persistence[model] else { continue }
                lines.append("| \(name) | \(model) | \(p["size_bytes"]?.intValue ?? -1) | \(format(p["save_fsync_ms"]?.doubleValue)) | \(format(p["load_ms"]?.doubleValue)) | \(format(p["load_mmap_ms"]?.doubleValue)) | \(p["gzip3_size_bytes"]?.intValue ?? -1) | \(format(p["gzip3_save_fsync_ms"]?.doubleValue)) | \(format(p["gzip3_load_ms"]?.doubleValue)) |")
            }
        }
        for name in names {
            guard let sharing = datasets[name]?["rf_mapped_sharing"], let file = sharing["file_bytes"]?.intValue else { continue }
            lines += ["", "\(name) forest memory-mapped by \(sharing["processes"]?.intValue ?? 0) processes predicting \(sharing["rows"]?.intValue ?? 0) rows each: file \(file) bytes; summed Pss \(sharing["pss_total_bytes"]?.intValue ?? -1) bytes (\(format(sharing["pss_ratio_to_file"]?.doubleValue, digits: 2))× the file); beyond \(sharing["processes"]?.intValue ?? 0) idle processes of the same binary \(sharing["pss_above_idle_bytes"]?.intValue ?? -1) bytes (\(format(sharing["pss_above_idle_ratio_to_file"]?.doubleValue, digits: 2))×); the file's own mappings \(sharing["file_mapping_pss_total_bytes"]?.intValue ?? -1) bytes."]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Three significant digits for small numbers, thousands separators for large ones.
    static func format(_ value: Double?, digits: Int? = nil) -> String {
        guard let value, value.isFinite else { return "–" }
        if let digits { return String(format: "%.\(digits)f", value) }
        if value >= 1000 { return String(format: "%.0f", value) }
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        if value >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3g", value)
    }
}
