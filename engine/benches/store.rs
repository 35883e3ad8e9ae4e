//! `cargo bench -p rmi-engine`: the costs the page feels, on synthetic stores of 1,000 and
//! 10,000 images (see `rmi_engine::synthetic`), so growth with the store's size shows.
//! Each mutating command runs on a fresh O(1) clone and hands the result back, so the old
//! state's release happens outside the timing, as it does in the page (it stays in history).

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use rmi_engine::daemon::ImageService;
use rmi_engine::synthetic::{self, Shape};

const NOW: i64 = 1_767_225_600_000_000_000;

fn commands(c: &mut Criterion) {
    for (label, shape) in [("1k", Shape::MEDIUM), ("10k", Shape::LARGE)] {
        let engine = synthetic::build(shape, NOW);
        // An image no container uses, so removal really deletes it and its own layers.
        let victim = shape.images - 1;
        let victim_tag = synthetic::image_name(victim, &shape);
        let victim_id = engine.get_image(&victim_tag).expect("victim exists").to_string();
        let mut group = c.benchmark_group(format!("store-{label}"));
        group.sample_size(30);
        let one_shot = |group: &mut criterion::BenchmarkGroup<_>, name: &str, line: String| {
            group.bench_function(BenchmarkId::new(name, label), |b| {
                b.iter_batched(
                    || engine.clone(),
                    |mut e| {
                        let outcome = e.run_line(&line);
                        (e, outcome)
                    },
                    BatchSize::SmallInput,
                )
            });
        };
        one_shot(&mut group, "rmi-by-tag", format!("docker rmi {victim_tag}"));
        one_shot(&mut group, "rmi-f-by-id", format!("docker rmi -f {}", &victim_id[7..19]));
        one_shot(&mut group, "tag", format!("docker tag {victim_tag} fresh:tag"));
        one_shot(&mut group, "run", format!("docker run -d {victim_tag}"));
        group.bench_function(BenchmarkId::new("dry-run-rmi", label), |b| {
            let line = format!("docker rmi {victim_tag}");
            b.iter(|| engine.dry_run(&line))
        });
        group.bench_function(BenchmarkId::new("clone-for-undo", label), |b| b.iter(|| engine.clone()));
        group.bench_function(BenchmarkId::new("images", label), |b| {
            b.iter_batched(
                || engine.clone(),
                |mut e| {
                    let outcome = e.run_line("docker images");
                    (e, outcome)
                },
                BatchSize::SmallInput,
            )
        });
        group.bench_function(BenchmarkId::new("ps-a", label), |b| {
            b.iter_batched(
                || engine.clone(),
                |mut e| {
                    let outcome = e.run_line("docker ps -a");
                    (e, outcome)
                },
                BatchSize::SmallInput,
            )
        });
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("image-prune-a", label), |b| {
            b.iter_batched(
                || engine.clone(),
                |mut e| {
                    let outcome = e.run_line("docker image prune -a -f");
                    (e, outcome)
                },
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }
}

criterion_group!(benches, commands);
criterion_main!(benches);
