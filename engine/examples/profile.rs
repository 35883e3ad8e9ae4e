//! Profiling aid: `cargo run --profile bench -p rmi-engine --example profile -- images|prune|ps [N]`
//! builds the 10,000-image synthetic store and runs one command N times, each on a fresh clone
//! (as the page does, keeping the old state for undo); `unshared` prunes a store nothing shares.
use rmi_engine::synthetic::{self, Shape};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "images".into());
    if what == "unshared" {
        return unique_owner_prune();
    }
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let engine = synthetic::build(Shape::LARGE, 1_767_225_600_000_000_000);
    let line = match what.as_str() {
        "prune" => "docker image prune -a -f",
        "ps" => "docker ps -a",
        _ => "docker images",
    };
    let mut best = f64::MAX;
    for _ in 0..times {
        let mut e = engine.clone();
        let start = Instant::now();
        let outcome = e.run_line(line);
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box((e, outcome));
    }
    println!("{line}: best of {times} = {best:.2} ms");
}

fn unique_owner_prune() {
    for _ in 0..3 {
        let mut e = synthetic::build(Shape::LARGE, 1_767_225_600_000_000_000);
        let start = Instant::now();
        let outcome = e.run_line("docker image prune -a -f");
        println!("unshared prune: {:.2} ms", start.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box((e, outcome));
    }
}
