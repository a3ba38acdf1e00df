//! Prints typed coverage of the docs' success examples, overall, for the target
//! groups and per method: `cargo test -p b24-tests --bench coverage` (a debug build; add
//! `-- --all` for every method, not only those below 100%; `-- --paths` for every untyped
//! path with the leaves it holds, most first).

#[path = "coverage/measure.rs"]
mod measure;

fn main() {
    let all = std::env::args().any(|arg| arg == "--all");
    let paths = std::env::args().any(|arg| arg == "--paths");
    let coverage = measure::measure(b24_tests::committed_methods());
    let overall = coverage.overall();
    let full = coverage
        .methods
        .values()
        .filter(|count| count.typed == count.total)
        .count();
    println!(
        "typed coverage of the docs' success examples: {} of {} leaf keys ({}); {} of {} methods fully typed; {} examples skipped (not JSON, no result, or not decoding)",
        overall.typed,
        overall.total,
        overall.percent(),
        full,
        coverage.methods.len(),
        coverage.skipped
    );
    let without = overall.without_user_fields();
    println!(
        "excluding user fields (UF_*, ufCrm*): {} of {} leaf keys ({})",
        without.typed,
        without.total,
        without.percent()
    );
    println!("\ntarget groups (all leaves; excluding user-field leaves):");
    for group in measure::TARGET_GROUPS {
        let (methods, count) = coverage.group(group);
        let without = count.without_user_fields();
        println!(
            "  {group:<18} {:>5} / {:<5} {:>7}   {:>5} / {:<5} {:>7}  ({methods} methods with examples)",
            count.typed,
            count.total,
            count.percent(),
            without.typed,
            without.total,
            without.percent()
        );
    }
    println!(
        "\nper method{}:",
        if all { "" } else { " (below 100% only)" }
    );
    for (name, count) in &coverage.methods {
        if all || count.typed < count.total {
            println!(
                "  {name:<48} {:>5} / {:<5} {:>7}",
                count.typed,
                count.total,
                count.percent()
            );
        }
    }
    if paths {
        let mut ranked: Vec<_> = coverage.untyped.iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        println!("\nuntyped paths, most leaves first (method, path, leaves):");
        for ((method, path), leaves) in ranked {
            let path = if path.is_empty() {
                "(whole result)"
            } else {
                path
            };
            println!("  {leaves:>5}  {method:<44} {path}");
        }
    }
    for failure in coverage.undecodable.iter().take(20) {
        println!("  does not decode: {failure}");
    }
}
