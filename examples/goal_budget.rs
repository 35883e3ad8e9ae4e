//! `cargo run --release --example goal_budget`: the lesson issue's budget, "goal evaluation
//! after a command ≤ 1 ms for the book's store", measured as the page pays it (the facts of the
//! store read once, then every goal of the current step), after each command of the book
//! chapter and on a 200-image store. Prints the medians; exits 1 when the book's is over.

use std::time::Instant;

use rmi_playground::lessons::{parse_lesson, Advance, Progress};

const NOW: i64 = 1_767_225_600_000_000_000;
const BUDGET_MS: f64 = 1.0;
const RUNS: usize = 201;

fn median_ms(mut evaluate: impl FnMut() -> usize) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(evaluate());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lessons/book-rmi.json"))
        .expect("lessons/book-rmi.json");
    let book = parse_lesson(&text).expect("the book lesson parses");
    let (mut progress, mut engine) = Progress::begin(&book, NOW).expect("the book lesson starts");
    let mut worst: f64 = 0.0;
    for step in &book.steps {
        for command in &step.solution {
            let outcome = engine.run_line(command);
            let advance = progress.after_command(&book, command, &outcome, &engine);
            if let Advance::Next { fresh: Some(fresh), .. } = advance {
                engine = *fresh;
            }
            if !progress.is_complete(&book) {
                worst = worst.max(median_ms(|| progress.goals(&book, &engine).len()));
            }
        }
    }
    // The first step's goals over a store of 200 images in 20 repositories with 40 containers.
    let shape =
        rmi_engine::synthetic::Shape { images: 200, repositories: 20, own_layers: 5, base_layers: 4, containers: 40 };
    let big = rmi_engine::synthetic::build(shape, NOW);
    let (at_start, _) = Progress::begin(&book, NOW).expect("starts");
    let big_ms = median_ms(|| at_start.goals(&book, &big).len());
    println!("goal evaluation after a command, book's store: worst step median {worst:.4} ms (budget {BUDGET_MS} ms)");
    println!("goal evaluation on the synthetic {}-image store: median {big_ms:.4} ms", big.store.images.len());
    if worst > BUDGET_MS {
        println!("BUDGET over: goal evaluation {worst:.4} ms > {BUDGET_MS} ms");
        std::process::exit(1);
    }
    println!("BUDGET ok: goal evaluation {worst:.4} ms <= {BUDGET_MS} ms");
}
