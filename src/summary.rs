//! What a command did, in words: the `aria-live` summary after every command, and the preview's
//! explanation of what a command would do. Both read the engine's events, the same ones the
//! graph animates.

use rmi_engine::units::{human_size, image_size};
use rmi_engine::{Blocker, Event, Store};

use crate::i18n::{plural, Lang};

/// Counts of what the events created and removed, with the bytes the removed layers held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub untagged: Vec<String>,
    pub tagged: Vec<String>,
    pub images_deleted: usize,
    pub layers_deleted: usize,
    pub bytes_freed: u64,
    pub images_created: usize,
    pub containers_created: usize,
    pub containers_removed: usize,
    pub conflicts: Vec<(String, Blocker)>,
}

/// `before` is the store the events started from (it still knows the removed layers' sizes).
pub fn tally(events: &[Event], before: &Store) -> Tally {
    let mut tally = Tally::default();
    for event in events {
        match event {
            Event::Untagged { reference, .. } => tally.untagged.push(reference.clone()),
            Event::Tagged { reference, .. } => tally.tagged.push(reference.clone()),
            Event::ImageDeleted { .. } => tally.images_deleted += 1,
            Event::LayerDeleted { layer, .. } => {
                tally.layers_deleted += 1;
                tally.bytes_freed += before.layers.get(layer).map_or(0, |l| l.diff_size);
            }
            Event::ImageCreated { .. } => tally.images_created += 1,
            Event::ContainerCreated { .. } => tally.containers_created += 1,
            Event::ContainerRemoved { .. } => tally.containers_removed += 1,
            Event::Conflict { image, blocker } => tally.conflicts.push((image.clone(), blocker.clone())),
            _ => {}
        }
    }
    tally
}

fn join(lang: Lang, parts: Vec<String>) -> String {
    parts.join(if lang == Lang::Zh { "；" } else { "; " })
}

fn blocker_text(lang: Lang, blocker: &Blocker, store: &Store) -> String {
    match blocker {
        Blocker::Container(id) => {
            let name = store
                .containers
                .get(id.as_str())
                .map_or_else(|| id[..12.min(id.len())].to_string(), |c| c.name.clone());
            match lang {
                Lang::En => format!("container {name} uses this image"),
                Lang::Zh => format!("容器 {name} 正在使用该镜像"),
            }
        }
        Blocker::ChildImage(id) => match lang {
            Lang::En => format!("image {} was committed from it", rmi_engine::digest::short_id(id)),
            Lang::Zh => format!("镜像 {} 由它提交而来", rmi_engine::digest::short_id(id)),
        },
        Blocker::References(refs) => match lang {
            Lang::En => format!("{} still point to it", refs.join(", ")),
            Lang::Zh => format!("{} 仍指向它", refs.join("、")),
        },
    }
}

/// The sentence read out after a command ("Untagged ubuntu:14.04; deleted 1 image and 5
/// layers, 188MB freed").
pub fn describe(lang: Lang, tally: &Tally, store: &Store) -> String {
    let mut parts = Vec::new();
    if !tally.untagged.is_empty() {
        parts.push(match lang {
            Lang::En => format!("Untagged {}", tally.untagged.join(", ")),
            Lang::Zh => format!("已取消标签 {}", tally.untagged.join("、")),
        });
    }
    if !tally.tagged.is_empty() {
        parts.push(match lang {
            Lang::En => format!("tagged {}", tally.tagged.join(", ")),
            Lang::Zh => format!("已添加标签 {}", tally.tagged.join("、")),
        });
    }
    if tally.images_deleted + tally.layers_deleted > 0 {
        let images = plural(lang, tally.images_deleted, "image", "images", "个镜像");
        let layers = plural(lang, tally.layers_deleted, "layer", "layers", "个镜像层");
        let freed = human_size(tally.bytes_freed);
        parts.push(match lang {
            Lang::En => format!("deleted {images} and {layers}, {freed} freed"),
            Lang::Zh => format!("删除了 {images}和 {layers}，释放 {freed}"),
        });
    }
    if tally.images_created > 0 {
        parts.push(match lang {
            Lang::En => format!("created {}", plural(lang, tally.images_created, "image", "images", "")),
            Lang::Zh => format!("新建 {} 个镜像", tally.images_created),
        });
    }
    if tally.containers_created > 0 {
        parts.push(match lang {
            Lang::En => format!("created {}", plural(lang, tally.containers_created, "container", "containers", "")),
            Lang::Zh => format!("新建 {} 个容器", tally.containers_created),
        });
    }
    if tally.containers_removed > 0 {
        parts.push(match lang {
            Lang::En => format!("removed {}", plural(lang, tally.containers_removed, "container", "containers", "")),
            Lang::Zh => format!("删除了 {} 个容器", tally.containers_removed),
        });
    }
    for (_, blocker) in &tally.conflicts {
        parts.push(match lang {
            Lang::En => format!("refused: {}", blocker_text(lang, blocker, store)),
            Lang::Zh => format!("被拒绝：{}", blocker_text(lang, blocker, store)),
        });
    }
    if parts.is_empty() {
        return match lang {
            Lang::En => "Nothing changed.".to_string(),
            Lang::Zh => "没有变化。".to_string(),
        };
    }
    let mut text = join(lang, parts);
    if let Some(first) = text.get(..1) {
        let upper = rmi_engine::case::to_upper(first);
        text.replace_range(..1, &upper);
    }
    text
}

/// The one-line explanation the preview shows while a removal is typed.
pub fn explain_preview(lang: Lang, tally: &Tally, store: &Store) -> Option<String> {
    if let Some((_, blocker)) = tally.conflicts.first() {
        return Some(match lang {
            Lang::En => format!("would fail: {}", blocker_text(lang, blocker, store)),
            Lang::Zh => format!("将会失败：{}", blocker_text(lang, blocker, store)),
        });
    }
    if tally.images_deleted == 0 && !tally.untagged.is_empty() {
        return Some(match lang {
            Lang::En => {
                format!(
                    "would only untag {}: the image keeps other references, a child or a running container",
                    tally.untagged.join(", ")
                )
            }
            Lang::Zh => format!("只会取消标签 {}：镜像仍有其他引用、子镜像或运行中的容器", tally.untagged.join("、")),
        });
    }
    if tally.images_deleted + tally.layers_deleted + tally.containers_removed > 0 {
        let mut parts = Vec::new();
        if !tally.untagged.is_empty() {
            parts.push(match lang {
                Lang::En => format!("untag {}", tally.untagged.join(", ")),
                Lang::Zh => format!("取消标签 {}", tally.untagged.join("、")),
            });
        }
        if tally.containers_removed > 0 {
            parts.push(match lang {
                Lang::En => format!("remove {}", plural(lang, tally.containers_removed, "container", "containers", "")),
                Lang::Zh => format!("删除 {} 个容器", tally.containers_removed),
            });
        }
        let images = plural(lang, tally.images_deleted, "image", "images", "个镜像");
        if tally.layers_deleted > 0 {
            let layers = plural(lang, tally.layers_deleted, "layer", "layers", "个镜像层");
            // In the SIZE column's precision: the reader compares it with `docker images`.
            let freed = image_size(tally.bytes_freed);
            parts.push(match lang {
                Lang::En => format!("delete {images} and {layers} ({freed})"),
                Lang::Zh => format!("删除 {images} 和 {layers}（{freed}）"),
            });
        } else if tally.images_deleted > 0 {
            parts.push(match lang {
                Lang::En => format!("delete {images} but free no layer: others still hold them"),
                Lang::Zh => format!("删除 {images}，但不释放任何镜像层：它们仍被其他对象引用"),
            });
        }
        return Some(match lang {
            Lang::En => format!("would {}", parts.join(", then ")),
            Lang::Zh => format!("将会{}", parts.join("，然后")),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmi_engine::scenarios;

    #[test]
    fn describes_the_books_deletion() {
        let mut engine = scenarios::build("rmi-tutorial", 1, 0).unwrap();
        let before = engine.store.clone();
        let outcome = engine.run_line("docker rmi ubuntu:14.04");
        let tally = tally(&outcome.events, &before);
        assert_eq!(
            describe(Lang::En, &tally, &engine.store),
            "Untagged ubuntu:14.04; deleted 1 image and 5 layers, 187.9MB freed"
        );
        assert!(describe(Lang::Zh, &tally, &engine.store).contains("1 个镜像"));
    }

    #[test]
    fn explains_untag_only_and_conflicts() {
        let engine = scenarios::build("rmi-tutorial", 1, 0).unwrap();
        let untag = engine.dry_run("docker rmi ubuntu:16.04");
        let text = explain_preview(Lang::En, &tally(&untag.events, &engine.store), &engine.store).unwrap();
        assert!(text.starts_with("would only untag ubuntu:16.04"), "{text}");
        let blocked = engine.dry_run("docker rmi 2fa927b5cdd3");
        let text = explain_preview(Lang::En, &tally(&blocked.events, &engine.store), &engine.store).unwrap();
        assert!(text.contains("myubuntu:latest, ubuntu:16.04, ubuntu:latest still point to it"), "{text}");
        assert_eq!(
            explain_preview(Lang::En, &tally(&engine.dry_run("docker images").events, &engine.store), &engine.store),
            None
        );
        let delete = engine.dry_run("docker rmi ubuntu:14.04");
        let text = explain_preview(Lang::En, &tally(&delete.events, &engine.store), &engine.store).unwrap();
        // 188MB, as `docker images` shows its size.
        assert_eq!(text, "would untag ubuntu:14.04, then delete 1 image and 5 layers (188MB)");
    }
}
