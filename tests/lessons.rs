//! The lesson files in `lessons/`: each passes `lesson-check`, the book lesson is finished by
//! the chapter's own commands, the index matches the files, and a malformed file of every kind
//! is refused with its field path, line and column.

use std::path::{Path, PathBuf};

use rmi_playground::lessons::BOOK_CHAPTER as CHAPTER;
use rmi_playground::lessons::{check, parse_lesson, verify_index, Advance, Index, Lesson, ParseError, Progress};
use serde_json::{json, Value};

const NOW: i64 = 1_767_225_600_000_000_000;

fn lessons_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

fn lesson_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(lessons_dir())
        .expect("lessons/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "index.json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Lesson {
    let text = std::fs::read_to_string(path).expect("readable lesson");
    parse_lesson(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_lesson_file_passes_the_check() {
    let files = lesson_files();
    assert!(files.len() >= 13, "the book lesson and at least twelve more, found {}", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let stem = file.file_stem().and_then(|s| s.to_str());
        for problem in check(&read(file), stem, NOW) {
            failures.push(format!("{}: {problem}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_index_lists_every_lesson_once_under_its_level() {
    let text = std::fs::read_to_string(lessons_dir().join("index.json")).expect("lessons/index.json exists");
    let index: Index = serde_json::from_str(&text).expect("the index parses");
    let lessons: Vec<Lesson> = lesson_files().iter().map(|f| read(f)).collect();
    assert_eq!(verify_index(&index, &lessons), Vec::<String>::new());
    // The same check refuses an index that forgot a lesson, or lists one twice.
    let mut short = index.clone();
    let dropped = short.levels[0].lessons.remove(0);
    assert_eq!(verify_index(&short, &lessons), [format!("{} is not listed", dropped.id)]);
    let mut twice = index.clone();
    twice.levels[1].lessons.push(dropped.clone());
    assert_eq!(verify_index(&twice, &lessons), [format!("{} is listed 2 times", dropped.id)]);
    let mut stale = index;
    stale.levels[0].lessons[0].par += 1;
    assert_eq!(verify_index(&stale, &lessons).len(), 1);
}

#[test]
fn a_reader_typing_the_chapters_commands_finishes_the_book_lesson() {
    let lesson = read(&lessons_dir().join("book-rmi.json"));
    assert_eq!(lesson.steps.len(), 7);
    let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("the book's machine builds");
    let mut steps_reached = vec![1];
    for command in CHAPTER {
        assert!(!progress.is_complete(&lesson), "finished before `{command}`");
        let outcome = engine.run_line(command);
        match progress.after_command(&lesson, command, &outcome, &engine) {
            Advance::Stay => {}
            Advance::Next { step, fresh } => {
                steps_reached.push(step + 1);
                if let Some(fresh) = fresh {
                    engine = *fresh;
                }
            }
            Advance::Complete => steps_reached.push(8),
            Advance::StartFailed { error, .. } => panic!("{error}"),
        }
    }
    assert_eq!(steps_reached, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert!(progress.is_complete(&lesson));
    assert_eq!(progress.commands_used(), CHAPTER.len());
    assert_eq!(progress.used, [1, 2, 1, 3, 2, 1, 1]);
}

#[test]
fn forcing_in_the_right_way_step_keeps_it_open_until_undone() {
    let lesson = read(&lessons_dir().join("book-rmi.json"));
    let (mut progress, mut engine) = Progress::begin(&lesson, NOW).expect("the book's machine builds");
    for command in ["docker rmi myubuntu:latest", "docker rmi ubuntu:14.04", "docker rmi 2fa927b5cdd3"] {
        let outcome = engine.run_line(command);
        if let Advance::Next { fresh: Some(fresh), .. } = progress.after_command(&lesson, command, &outcome, &engine) {
            engine = *fresh;
        }
    }
    for command in ["docker run ubuntu:14.04 echo 'hello! I am here!'", "docker rmi ubuntu:14.04"] {
        let outcome = engine.run_line(command);
        progress.after_command(&lesson, command, &outcome, &engine);
    }
    assert_eq!(progress.step, 4, "step 5, the right way");
    // The chapter's order: -f first. The image goes, but -f was used in this step.
    let before_force = engine.clone();
    let outcome = engine.run_line("docker rmi -f ubuntu:14.04");
    assert_eq!(progress.after_command(&lesson, "docker rmi -f ubuntu:14.04", &outcome, &engine), Advance::Stay);
    let outcome = engine.run_line("docker rm a21c0840213e");
    assert_eq!(progress.after_command(&lesson, "docker rm a21c0840213e", &outcome, &engine), Advance::Stay);
    let unmet: Vec<String> =
        progress.goals(&lesson, &engine).into_iter().filter(|g| !g.met).map(|g| g.text.en).collect();
    assert_eq!(unmet, ["docker rmi was not run with -f or --force in this step"]);
    // Undo both (the page restores the engine from before -f); then the right way finishes.
    progress.after_undo();
    progress.after_undo();
    engine = before_force;
    let goals = progress.goals(&lesson, &engine);
    assert!(goals.iter().any(|g| g.text.en.contains("--force") && g.met), "undo forgot the -f");
    for command in ["docker rm a21c0840213e", "docker rmi 8f1bd21bd25c"] {
        let outcome = engine.run_line(command);
        progress.after_command(&lesson, command, &outcome, &engine);
    }
    assert_eq!(progress.step, 5);
}

/// The book lesson as JSON, to break in one place at a time.
fn book_json() -> Value {
    let text = std::fs::read_to_string(lessons_dir().join("book-rmi.json")).expect("readable");
    serde_json::from_str(&text).expect("book-rmi.json is JSON")
}

fn refused(value: &Value) -> ParseError {
    let text = serde_json::to_string_pretty(value).expect("serialisable");
    match parse_lesson(&text) {
        Ok(_) => panic!("accepted a malformed lesson"),
        Err(e) => e,
    }
}

/// The 1-based line of `text` holding the first occurrence of `needle` after line `from`.
fn line_of(value: &Value, needle: &str) -> usize {
    let text = serde_json::to_string_pretty(value).expect("serialisable");
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1).expect("needle present")
}

#[test]
fn text_that_is_not_json_names_line_and_column() {
    let error = parse_lesson("{\"id\": \"x\",\n  \"level\": }").expect_err("not JSON");
    assert_eq!((error.path.as_str(), error.line, error.column), ("level", 2, 12));
    assert_eq!(error.message, "expected value");
    let two = format!("{} {{}}", book_json());
    let error = parse_lesson(&two).expect_err("two values");
    assert_eq!((error.path.as_str(), error.message.as_str()), ("", "trailing characters"));
    assert_eq!(error.to_string(), format!("the file: trailing characters at line 1 column {}", two.len() - 1));
}

#[test]
fn an_unknown_predicate_names_its_goal_and_the_predicates_there_are() {
    let mut book = book_json();
    book["steps"][2]["goals"][0] = json!({"refrence": "ubuntu:16.04"});
    let error = refused(&book);
    assert_eq!(error.path, "steps[2].goals[0]");
    assert!(error.message.starts_with("unknown predicate \"refrence\", expected one of reference_present, "));
    assert_eq!(error.line, line_of(&book, "\"refrence\""));
}

#[test]
fn a_missing_field_and_a_missing_language_name_their_object() {
    let mut book = book_json();
    book["steps"][0].as_object_mut().expect("a step").remove("solution");
    let error = refused(&book);
    assert_eq!((error.path.as_str(), error.message.as_str()), ("steps[0]", "missing field `solution`"));
    let mut book = book_json();
    book["steps"][1]["brief"].as_object_mut().expect("texts").remove("zh");
    let error = refused(&book);
    assert_eq!((error.path.as_str(), error.message.as_str()), ("steps[1].brief", "missing field `zh`"));
}

#[test]
fn a_wrong_type_and_an_unknown_field_are_refused_where_they_are() {
    let mut book = book_json();
    book["steps"][0]["par"] = json!("one");
    let error = refused(&book);
    assert_eq!(error.path, "steps[0].par");
    assert_eq!(error.message, "invalid type: string \"one\", expected usize");
    assert_eq!(error.line, line_of(&book, "\"par\": \"one\""));
    let mut book = book_json();
    book["steps"][3]["colour"] = json!("red");
    let error = refused(&book);
    assert_eq!(error.path, "steps[3].colour");
    assert!(error.message.starts_with("unknown field `colour`, expected one of `title`"));
    let mut book = book_json();
    book["steps"][0]["goals"][0] = json!({"containers": {"<": 3}});
    assert_eq!(refused(&book).path, "steps[0].goals[0].containers");
    let mut book = book_json();
    book["steps"][0]["start"] = json!({"continue": true, "seed": 2});
    assert_eq!(refused(&book).message, "a start that continues takes no scenario, seed or setup");
    let mut book = book_json();
    book["steps"][0]["goals"][1] = json!({"image_present": "2fa9", "images": 2});
    assert!(refused(&book).message.starts_with("a goal has one predicate, found a second (\"images\")"));
}

#[test]
fn the_check_refuses_what_parses_but_cannot_work() {
    let lesson_with = |change: &dyn Fn(&mut Value)| {
        let mut book = book_json();
        change(&mut book);
        let lesson = parse_lesson(&book.to_string()).expect("still well-formed");
        check(&lesson, Some("book-rmi"), NOW).iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    assert_eq!(lesson_with(&|_| {}), Vec::<String>::new());
    assert_eq!(
        lesson_with(&|b| b["steps"][1]["par"] = json!(2)),
        ["steps[1]: par is 2 but the solution has 1 command"]
    );
    assert_eq!(lesson_with(&|b| b["title"]["zh"] = json!(" ")), ["title.zh is empty"]);
    assert_eq!(lesson_with(&|b| b["steps"][2]["hints"][1]["en"] = json!("")), ["steps[2]: hints[1].en is empty"]);
    assert_eq!(
        lesson_with(&|b| b["steps"][0]["goals"] = json!([{"image_present": "2fa927b5cdd3"}])),
        ["steps[0]: the goals are already met at the step's start"]
    );
    assert_eq!(
        lesson_with(&|b| b["steps"][3]["solution"] = json!(["docker run ubuntu:14.04 true"])),
        ["steps[3]: par is 2 but the solution has 1 command"]
    );
    assert_eq!(
        lesson_with(&|b| {
            b["steps"][3]["solution"] = json!(["docker run ubuntu:14.04 true"]);
            b["steps"][3]["par"] = json!(1);
        }),
        ["steps[3]: after the solution these goals are unmet: A command of this step printed “container a21c0840213e is using its referenced image 8f1bd21bd25c”"]
    );
    assert_eq!(
        lesson_with(&|b| {
            b["steps"][0]["solution"] = json!(["docker rmi myubuntu:latest", "docker images"]);
            b["steps"][0]["par"] = json!(2);
        }),
        ["steps[0]: the goals are met after command 1 of 2: the solution is longer than needed"]
    );
    assert_eq!(
        lesson_with(&|b| b["steps"][3]["start"] = json!({"scenario": "rmi-tutorail"})),
        ["steps[3]: unknown scenario \"rmi-tutorail\", expected one of empty, rmi-tutorial, shared-layers, commit-chain"]
    );
    assert_eq!(
        lesson_with(&|b| b["steps"][5]["start"]["setup"] = json!(["docker run ubuntu:99 true"])),
        ["steps[5]: setup command `docker run ubuntu:99 true` failed with exit status 125: Unable to find image 'ubuntu:99' locally\ndocker: Error response from daemon: manifest for ubuntu:99 not found: manifest unknown: manifest unknown.\nSee 'docker run --help'."]
    );
    assert_eq!(
        lesson_with(&|b| b["steps"][0]["goals"][0] = json!({"image_absent": "xyz"})),
        ["steps[0]: goals[0]: \"xyz\" is not an ID or ID prefix (hex digits, optionally after sha256:)"]
    );
    assert_eq!(
        lesson_with(&|b| b["steps"][4]["goals"][3] = json!({"not_used": {"command": "rmii", "flags": ["-f"]}})),
        ["steps[4]: goals[3]: \"rmii\" is not a docker command the playground knows"]
    );
    assert_eq!(
        lesson_with(
            &|b| b["steps"][4]["goals"][3] = json!({"not_used": {"command": "rmi", "flags": ["--forse", "-f"]}})
        ),
        ["steps[4]: goals[3]: docker rmi has no flag --forse"]
    );
    assert_eq!(
        lesson_with(&|b| b["id"] = json!("Book")),
        [
            "id \"Book\" must be lowercase letters, digits and '-'",
            "id \"Book\" differs from the file name \"book-rmi\""
        ]
    );
}

#[test]
fn the_readme_example_is_a_lesson_that_passes_the_check() {
    let readme = std::fs::read_to_string(lessons_dir().join("README.md")).expect("lessons/README.md exists");
    let example = readme.split("```json\n").nth(1).and_then(|rest| rest.split("```").next()).expect("a JSON example");
    let lesson = parse_lesson(example).unwrap_or_else(|e| panic!("the README's example: {e}"));
    assert_eq!(check(&lesson, None, NOW), []);
    assert_eq!(lesson.steps.len(), 2);
}

/// Variants for teachers: on every variant tried, each lesson still passes the whole check (its
/// own solution, carried over, finishes it; goals unmet at each start), with nothing of the
/// written world left in its commands and goals.
#[test]
fn every_lesson_works_on_other_variants_of_the_world() {
    use rmi_playground::lessons::variant::on_variant;
    let mut failures = Vec::new();
    for file in lesson_files() {
        let lesson = read(&file);
        for number in [1, 2, 7, 42, 9999] {
            let variant = on_variant(&lesson, number);
            for problem in check(&variant, Some(&lesson.id), NOW) {
                failures.push(format!("{} variant {number}: {problem}", file.display()));
            }
            let commands: Vec<&String> = variant.steps.iter().flat_map(|s| &s.solution).collect();
            for written in ["ubuntu", "busybox", "alpine", "8f1bd21bd25c", "2fa927b5cdd3", "f2a60fc7f4d8"] {
                if let Some(c) = commands.iter().find(|c| c.contains(written)) {
                    failures.push(format!("{} variant {number}: {written} survives in `{c}`", file.display()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_book_lesson_on_a_variant_names_other_images_tags_and_sizes() {
    use rmi_playground::lessons::variant::on_variant;
    let book = read(&lessons_dir().join("book-rmi.json"));
    let three = on_variant(&book, 3);
    let brief = &three.steps[0].brief.en;
    assert_ne!(brief, &book.steps[0].brief.en);
    assert!(!brief.contains("myubuntu") && !brief.contains("ubuntu:"), "{brief}");
    let (_, engine) = Progress::begin(&three, NOW).expect("the variant starts");
    let images = engine.clone().run_line("docker images").text();
    assert!(!images.contains("ubuntu") && !images.contains("8f1bd21bd25c"), "{images}");
    let (_, written) = Progress::begin(&book, NOW).expect("the book starts");
    let written_images = written.clone().run_line("docker images").text();
    assert_ne!(images.lines().count(), 0);
    assert_eq!(images.lines().count(), written_images.lines().count(), "the same store, renamed");
    assert_ne!(Progress::begin(&on_variant(&book, 4), NOW).expect("starts").1.store, engine.store);
    if std::env::var_os("SHOW_VARIANT").is_some() {
        eprintln!("{brief}\n{}\n{images}\n{:#?}", three.steps[3].brief.zh, three.steps[3].goals);
    }
}

/// Completion codes: the same for any way of finishing a lesson on one variant, different on
/// another variant, absent before the end, and checked by replaying the lesson's solution.
#[test]
fn completion_codes_follow_the_variant_not_the_path() {
    use rmi_playground::lessons::code::{is_genuine, reference_code};
    use rmi_playground::lessons::variant::{on_variant, world};
    let book = read(&lessons_dir().join("book-rmi.json"));
    let five = on_variant(&book, 5);
    let code = reference_code(&five, NOW).expect("the solution finishes the lesson");
    assert_eq!(code.len(), 14, "{code}");
    assert_ne!(reference_code(&on_variant(&book, 6), NOW).expect("finishes"), code);
    assert_ne!(reference_code(&book, NOW).expect("finishes"), code);
    // A learner's longer way, with detours, earns the same code; before the end, none.
    let (mut progress, mut engine) = Progress::begin(&five, NOW).expect("starts");
    for (i, step) in five.steps.iter().enumerate() {
        let detours = ["docker images", "docker ps -a", "docker pull hello-world", "docker rmi hello-world"];
        let mut lines: Vec<String> = detours.iter().map(|d| world(&five).rewrite(d)).collect();
        lines.extend(step.solution.iter().cloned());
        for line in lines {
            assert!(progress.code.is_none(), "no code before the last step (step {i})");
            let outcome = engine.run_line(&line);
            if let Advance::Next { fresh: Some(fresh), .. } = progress.after_command(&five, &line, &outcome, &engine) {
                engine = *fresh;
            }
        }
    }
    assert!(progress.is_complete(&five));
    assert_eq!(progress.code.as_deref(), Some(code.as_str()));
    assert_eq!(is_genuine(&five, &code.to_uppercase().replace('-', " "), NOW), Ok(true));
    assert_eq!(is_genuine(&five, "0000-0000-0000", NOW), Ok(false));
    assert_eq!(is_genuine(&on_variant(&book, 6), &code, NOW), Ok(false));
}
