//! `cargo run --bin lesson-check -- FILE...`: checks lesson files (shape, both languages, each
//! step's solution replayed from its start). Exit status 0 when every file passes, 1 otherwise.
//! A file named `index.json` is checked against the lesson files beside it. `--index FILE...`
//! prints the `lessons/index.json` those lesson files make, in that order.

use std::path::Path;
use std::process::ExitCode;

use rmi_playground::lessons::{build_index, check, parse_lesson, verify_index, Index, Lesson};

/// A fixed clock, so a check's replay does not depend on when it runs.
const NOW: i64 = 1_767_225_600_000_000_000;

fn read(file: &str) -> Result<Lesson, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    parse_lesson(&text).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let mut files: Vec<String> = std::env::args().skip(1).filter(|f| !f.is_empty()).collect();
    let index = files.first().is_some_and(|f| f == "--index");
    if index {
        files.remove(0);
    }
    if files.is_empty() {
        eprintln!("usage: lesson-check FILE...\n       lesson-check --index FILE...");
        return ExitCode::from(2);
    }
    if index {
        let lessons: Result<Vec<Lesson>, String> =
            files.iter().map(|f| read(f).map_err(|e| format!("{f}: {e}"))).collect();
        return match lessons.and_then(|l| serde_json::to_string_pretty(&build_index(&l)).map_err(|e| e.to_string())) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        let path = Path::new(file);
        let problems = if path.file_name().is_some_and(|name| name == "index.json") {
            index_problems(path)
        } else {
            match read(file) {
                Ok(lesson) => check(&lesson, path.file_stem().and_then(|s| s.to_str()), NOW)
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                Err(e) => vec![e],
            }
        };
        if problems.is_empty() {
            passed += 1;
            println!("PASS {file}");
        } else {
            failed += 1;
            println!("FAIL {file}");
            for problem in problems {
                println!("  {problem}");
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

/// `index.json` against every other `.json` file in its folder.
fn index_problems(path: &Path) -> Vec<String> {
    let index: Index = match std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read: {e}"))
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(index) => index,
        Err(e) => return vec![e],
    };
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => return vec![format!("cannot list {}: {e}", folder.display())],
    };
    let mut lessons = Vec::new();
    let mut problems = Vec::new();
    for entry in entries.filter_map(Result::ok).map(|e| e.path()) {
        if entry.extension().is_some_and(|x| x == "json") && entry.file_name().is_some_and(|n| n != "index.json") {
            match read(&entry.to_string_lossy()) {
                Ok(lesson) => lessons.push(lesson),
                Err(e) => problems.push(format!("{}: {e}", entry.display())),
            }
        }
    }
    problems.extend(verify_index(&index, &lessons));
    problems
}
