//! Prints a stored session (the page's localStorage format) for a synthetic store, so the
//! end-to-end suite can measure the page on a large store: `fixture IMAGES`.

fn main() {
    let images: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let shape = rmi_engine::synthetic::Shape::fixture(images);
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as i64).unwrap_or(0);
    let mut session = rmi_playground::session::Session::new("empty", 0x5EED, now);
    session.engine = rmi_engine::synthetic::build(shape, now);
    print!("{}", session.to_storage());
}
