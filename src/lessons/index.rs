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
