//! `cargo run --release --bin transcript -- FILE...`: runs each transcript in a fresh engine.

use std::process::ExitCode;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: transcript FILE...");
        return ExitCode::from(2);
    }
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        let verdict = std::fs::read_to_string(file)
            .map_err(|e| format!("  cannot read: {e}\n"))
            .and_then(|text| rmi_engine::transcript::parse(&text).map_err(|e| format!("  {e}\n")))
            .and_then(|t| rmi_engine::transcript::run(&t).map_err(|f| f.to_string()));
        match verdict {
            Ok(()) => {
                passed += 1;
                println!("PASS {file}");
            }
            Err(detail) => {
                failed += 1;
                println!("FAIL {file}");
                print!("{detail}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
