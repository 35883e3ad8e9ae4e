//! `cargo run --release --example layout_budget`: the graph's layout is not to be what makes
//! Enter→graph slow (issue 9: ≤ 16 ms at 200 images, ≤ 50 ms at 1,000 for the whole update).
//! Lays out synthetic stores shaped like the end-to-end fixture (`fixture N`) and prints the
//! fastest and the median of 21 runs; exits 1 when the fastest is over its share of the budget
//! (a quarter of it at 200 images; half at 1,000, where even the fastest run measured 8 to 14 ms
//! on this shared machine from one clean-clone run to the next). The fastest run is the layout's own cost: the layout is deterministic, and
//! on a shared machine the median also carries other processes' load (it moved from 9 to 15 ms
//! at 1,000 images between two runs of the same build).

use std::time::Instant;

use rmi_playground::layout::{layout, Unfolded};

const NOW: i64 = 1_767_225_600_000_000_000;
const RUNS: usize = 21;

fn main() {
    let mut over = false;
    for (images, budget_ms) in [(200usize, 4.0), (1000, 25.0)] {
        // The end-to-end fixture's shape (src/bin/fixture.rs).
        let shape = rmi_engine::synthetic::Shape::fixture(images);
        let engine = rmi_engine::synthetic::build(shape, NOW);
        let unfolded = Unfolded::new();
        let mut times: Vec<f64> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(layout(&engine.store, &unfolded).nodes.len());
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let (fastest, median) = (times[0], times[RUNS / 2]);
        let nodes = layout(&engine.store, &unfolded).nodes.len();
        let verdict = if fastest <= budget_ms { "ok" } else { "OVER" };
        println!(
            "layout, {images} images ({nodes} nodes): fastest {fastest:.3} ms, median {median:.3} ms (budget {budget_ms} ms) {verdict}"
        );
        over |= fastest > budget_ms;
    }
    if over {
        std::process::exit(1);
    }
}
