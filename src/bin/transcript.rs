//! `cargo run --release --bin transcript -- FILE...`: runs each transcript in a fresh engine.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    if files.first().is_some_and(|f| f == "--record") {
        // Authoring aid: prints each file with the engine's actual output under every command,
        // for a human to check against Docker before it becomes a transcript.
        for file in &files[1..] {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            match rmi_engine::transcript::parse(&text) {
                Ok(t) => print!("{}", rmi_engine::transcript::record(&t)),
                Err(e) => eprintln!("{file}: {e}"),
            }
        }
        return ExitCode::SUCCESS;
    }
    files.retain(|f| !f.is_empty());
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
