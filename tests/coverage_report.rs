//! Prints typed coverage of the docs' success examples, overall, for the target
//! groups and per method: `cargo test -p b24-tests --bench coverage` (a debug build; add
//! `-- --all` for every method, not only those below 100%).

#[path = "coverage/measure.rs"]
mod measure;

fn main() {
    let all = std::env::args().any(|arg| arg == "--all");
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
    println!("\ntarget groups:");
    for group in measure::TARGET_GROUPS {
        let (methods, count) = coverage.group(group);
        println!(
            "  {group:<18} {:>5} / {:<5} {:>7}  ({methods} methods with examples)",
            count.typed,
            count.total,
            count.percent()
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
    for failure in coverage.undecodable.iter().take(20) {
        println!("  does not decode: {failure}");
    }
}
