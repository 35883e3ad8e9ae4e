//! `lessons/index.json`: the list of lessons grouped by level, for the lesson-list page. It is
//! written from the lesson files, so titles, step counts and pars cannot drift from them.

use serde::{Deserialize, Serialize};

use super::progress::lesson_par;
use super::schema::{Lesson, Level, Texts};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub levels: Vec<LevelEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelEntry {
    pub level: Level,
    pub title: Texts,
    pub lessons: Vec<IndexEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexEntry {
    pub id: String,
    pub title: Texts,
    pub steps: usize,
    pub par: usize,
}

impl Level {
    pub fn title(self) -> Texts {
        let (en, zh) = match self {
            Level::Beginner => ("First steps", "入门"),
            Level::Intermediate => ("Going further", "进阶"),
            Level::Advanced => ("Hard", "挑战"),
        };
        Texts { en: en.to_string(), zh: zh.to_string() }
    }
}

/// The index of `lessons`, levels from easy to hard, lessons in the order given within each.
pub fn build_index(lessons: &[Lesson]) -> Index {
    let levels = Level::ALL
        .iter()
        .map(|&level| LevelEntry {
            level,
            title: level.title(),
            lessons: lessons
                .iter()
                .filter(|l| l.level == level)
                .map(|l| IndexEntry {
                    id: l.id.clone(),
                    title: l.title.clone(),
                    steps: l.steps.len(),
                    par: lesson_par(l),
                })
                .collect(),
        })
        .filter(|entry| !entry.lessons.is_empty())
        .collect();
    Index { levels }
}

/// What is wrong with `index` for these lesson files: a lesson missing or listed twice, an
/// unknown id, or an entry (level, title, steps, par, order of levels) that the files no
/// longer match.
pub fn verify_index(index: &Index, lessons: &[Lesson]) -> Vec<String> {
    let listed: Vec<&str> = index.levels.iter().flat_map(|l| l.lessons.iter().map(|e| e.id.as_str())).collect();
    let mut problems = Vec::new();
    for lesson in lessons {
        match listed.iter().filter(|id| **id == lesson.id).count() {
            0 => problems.push(format!("{} is not listed", lesson.id)),
            1 => {}
            n => problems.push(format!("{} is listed {n} times", lesson.id)),
        }
    }
    for id in &listed {
        if !lessons.iter().any(|l| l.id == *id) {
            problems.push(format!("{id} is listed but there is no such lesson file"));
        }
    }
    if problems.is_empty() {
        let in_index_order: Vec<Lesson> =
            listed.iter().filter_map(|id| lessons.iter().find(|l| l.id == *id).cloned()).collect();
        let expected = build_index(&in_index_order);
        if expected != *index {
            problems.push(
                "the entries differ from the lesson files (level, title, steps or par); print it again with \
                 lesson-check --index"
                    .to_string(),
            );
        }
    }
    problems
}
