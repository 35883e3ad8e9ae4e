//! `cargo run --release --example layout_budget`: the graph's layout is not to be what makes
//! Enter→graph slow (issue 9: ≤ 16 ms at 200 images, ≤ 50 ms at 1,000 for the whole update).
//! Lays out synthetic stores shaped like the end-to-end fixture (`fixture N`) and prints the
//! median; exits 1 when a median is over its share of the budget (a quarter of it).

use std::time::Instant;

use rmi_playground::layout::{layout, Unfolded};

const NOW: i64 = 1_767_225_600_000_000_000;
const RUNS: usize = 21;

fn main() {
    let mut over = false;
    for (images, budget_ms) in [(200usize, 4.0), (1000, 12.5)] {
        // The fixture's shape (src/bin/fixture.rs).
        let shape = rmi_engine::synthetic::Shape {
            images,
            repositories: (images / 10).max(1),
            own_layers: 3,
            base_layers: (images / 20).max(1),
            containers: images / 10,
        };
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
        let median = times[RUNS / 2];
        let nodes = layout(&engine.store, &unfolded).nodes.len();
        let verdict = if median <= budget_ms { "ok" } else { "OVER" };
        println!("layout, {images} images ({nodes} nodes): median {median:.3} ms (budget {budget_ms} ms) {verdict}");
        over |= median > budget_ms;
    }
    if over {
        std::process::exit(1);
    }
}
