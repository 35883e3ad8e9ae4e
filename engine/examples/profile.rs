use rmi_engine::synthetic::{self, Shape};
fn main() {
    let shape = Shape::LARGE;
    let engine = synthetic::build(shape, 1_767_225_600_000_000_000);
    let what = std::env::args().nth(1).unwrap_or_default();
    let victim = synthetic::image_name(shape.images - 1, &shape);
    let t = std::time::Instant::now();
    let n = if what == "images" || what == "prune" || what == "ps" { 5 } else { 20000 };
    for _ in 0..n {
        let mut e = engine.clone();
        match what.as_str() {
            "images" => { e.run_line("docker images"); }
            "ps" => { e.run_line("docker ps -a"); }
            "prune" => { e.run_line("docker image prune -a -f"); }
            _ => { e.run_line(&format!("docker rmi {victim}")); }
        }
    }
    eprintln!("{:?} per op", t.elapsed() / n);
}
