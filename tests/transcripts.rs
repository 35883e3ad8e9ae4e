//! Every transcript in `tests/transcripts/` (the shared specification and the project's own)
//! runs through the same runner as `cargo run --bin transcript`.

use std::path::PathBuf;

#[test]
fn all_transcripts_pass() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/transcripts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 19, "the shared transcripts are missing");
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable transcript");
        let transcript = match rmi_engine::transcript::parse(&text) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{}: {e}", file.display()));
                continue;
            }
        };
        assert!(!transcript.steps.is_empty(), "{} has no commands", file.display());
        if let Err(failure) = rmi_engine::transcript::run(&transcript) {
            failures.push(format!("{}\n{failure}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} transcripts failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}
