//! Interface text in English and Simplified Chinese. Docker's own output is never translated.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code == "en" || code.starts_with("en-") {
            Some(Lang::En)
        } else if code == "zh" || code.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language for a browser's preference list, English when none fits.
    pub fn from_browser(languages: &[String]) -> Lang {
        languages.iter().find_map(|l| Lang::parse(l)).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Title,
    Tagline,
    PromptLabel,
    Undo,
    Redo,
    Reset,
    Scenario,
    Language,
    Theme,
    ThemeLight,
    ThemeDark,
    ThemeSystem,
    Graph,
    ZoomIn,
    ZoomOut,
    Fit,
    Images,
    Containers,
    TextTree,
    Terminal,
    Dismiss,
    NoticeCorrupt,
    NoticeOlder,
    NoticeUnknownScenario,
    NoticeUnknownLanguage,
    NoticeNothingToUndo,
    NoticeNothingToRedo,
    CrashTitle,
    CrashBody,
    CrashReset,
    HeldBy,
    HeldByNothing,
    Actions,
    Close,
    EmptyStore,
    Completions,
}

pub fn t(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    match (lang, text) {
        (Lang::En, Title) => "rmi playground",
        (Lang::Zh, Title) => "rmi 演练场",
        (Lang::En, Tagline) => {
            "Docker's image store, live: type docker commands and watch tags, images and layers change."
        }
        (Lang::Zh, Tagline) => "实时的 Docker 镜像存储：输入 docker 命令，观察标签、镜像和镜像层的变化。",
        (Lang::En, PromptLabel) => "Command",
        (Lang::Zh, PromptLabel) => "命令",
        (Lang::En, Undo) => "Undo",
        (Lang::Zh, Undo) => "撤销",
        (Lang::En, Redo) => "Redo",
        (Lang::Zh, Redo) => "重做",
        (Lang::En, Reset) => "Reset",
        (Lang::Zh, Reset) => "重置",
        (Lang::En, Scenario) => "Scenario",
        (Lang::Zh, Scenario) => "场景",
        (Lang::En, Language) => "Language",
        (Lang::Zh, Language) => "语言",
        (Lang::En, Theme) => "Theme",
        (Lang::Zh, Theme) => "主题",
        (Lang::En, ThemeLight) => "Light",
        (Lang::Zh, ThemeLight) => "浅色",
        (Lang::En, ThemeDark) => "Dark",
        (Lang::Zh, ThemeDark) => "深色",
        (Lang::En, ThemeSystem) => "System",
        (Lang::Zh, ThemeSystem) => "跟随系统",
        (Lang::En, Graph) => "Tags, images and layers",
        (Lang::Zh, Graph) => "标签、镜像与镜像层",
        (Lang::En, ZoomIn) => "Zoom in",
        (Lang::Zh, ZoomIn) => "放大",
        (Lang::En, ZoomOut) => "Zoom out",
        (Lang::Zh, ZoomOut) => "缩小",
        (Lang::En, Fit) => "Fit to view",
        (Lang::Zh, Fit) => "适应窗口",
        (Lang::En, Images) => "docker images",
        (Lang::Zh, Images) => "docker images（镜像）",
        (Lang::En, Containers) => "docker ps -a",
        (Lang::Zh, Containers) => "docker ps -a（容器）",
        (Lang::En, TextTree) => "The graph as text",
        (Lang::Zh, TextTree) => "图的文字版",
        (Lang::En, Terminal) => "Terminal",
        (Lang::Zh, Terminal) => "终端",
        (Lang::En, Dismiss) => "Dismiss",
        (Lang::Zh, Dismiss) => "关闭",
        (Lang::En, NoticeCorrupt) => "The saved session could not be read, so this is a clean start.",
        (Lang::Zh, NoticeCorrupt) => "无法读取保存的会话，已重新开始。",
        (Lang::En, NoticeOlder) => {
            "The saved session is from another version of the playground, so this is a clean start."
        }
        (Lang::Zh, NoticeOlder) => "保存的会话来自其他版本，已重新开始。",
        (Lang::En, NoticeUnknownScenario) => "Unknown scenario; starting from an empty daemon instead:",
        (Lang::Zh, NoticeUnknownScenario) => "未知场景，已改为从空的守护进程开始：",
        (Lang::En, NoticeUnknownLanguage) => "Unknown language; using the default instead:",
        (Lang::Zh, NoticeUnknownLanguage) => "未知语言，已使用默认语言：",
        (Lang::En, NoticeNothingToUndo) => "Nothing to undo.",
        (Lang::Zh, NoticeNothingToUndo) => "没有可撤销的操作。",
        (Lang::En, NoticeNothingToRedo) => "Nothing to redo.",
        (Lang::Zh, NoticeNothingToRedo) => "没有可重做的操作。",
        (Lang::En, CrashTitle) => "Something went wrong",
        (Lang::Zh, CrashTitle) => "出错了",
        (Lang::En, CrashBody) => "The playground hit an internal error. Resetting starts a clean session.",
        (Lang::Zh, CrashBody) => "演练场遇到内部错误。重置将开始一个新的会话。",
        (Lang::En, CrashReset) => "Reset the playground",
        (Lang::Zh, CrashReset) => "重置演练场",
        (Lang::En, HeldBy) => "held by",
        (Lang::Zh, HeldBy) => "被以下对象引用：",
        (Lang::En, HeldByNothing) => "held by nothing",
        (Lang::Zh, HeldByNothing) => "未被引用",
        (Lang::En, Actions) => "Actions",
        (Lang::Zh, Actions) => "操作",
        (Lang::En, Close) => "Close",
        (Lang::Zh, Close) => "关闭",
        (Lang::En, EmptyStore) => "No images, layers or containers yet. Try: docker pull busybox",
        (Lang::Zh, EmptyStore) => "还没有镜像、镜像层或容器。试试：docker pull busybox",
        (Lang::En, Completions) => "Completions",
        (Lang::Zh, Completions) => "补全候选",
    }
}

/// A scenario's name and one-line description.
pub fn scenario_text(lang: Lang, name: &str) -> (&'static str, &'static str) {
    match (lang, name) {
        (Lang::En, "empty") => ("Empty daemon", "No images, no containers."),
        (Lang::Zh, "empty") => ("空的守护进程", "没有镜像，也没有容器。"),
        (Lang::En, "rmi-tutorial") => {
            ("The book's machine", "ubuntu:14.04, ubuntu:16.04 = ubuntu:latest = myubuntu:latest, as in the chapter.")
        }
        (Lang::Zh, "rmi-tutorial") => {
            ("书中的机器", "与章节一致：ubuntu:14.04，以及 ubuntu:16.04 = ubuntu:latest = myubuntu:latest。")
        }
        (Lang::En, "shared-layers") => {
            ("Shared layers", "nginx and python on debian's layer, node on alpine's; nginx running.")
        }
        (Lang::Zh, "shared-layers") => {
            ("共享镜像层", "nginx 与 python 共享 debian 的层，node 共享 alpine 的层；nginx 正在运行。")
        }
        (Lang::En, "commit-chain") => ("Commit chain", "busybox → app:v1 → app:v2 made with docker commit."),
        (Lang::Zh, "commit-chain") => ("提交链", "用 docker commit 得到的 busybox → app:v1 → app:v2。"),
        (_, _) => ("?", ""),
    }
}

/// Count-aware words for summaries.
pub fn plural(lang: Lang, count: usize, one: &'static str, many: &'static str, zh: &'static str) -> String {
    match lang {
        Lang::En if count == 1 => format!("{count} {one}"),
        Lang::En => format!("{count} {many}"),
        Lang::Zh => format!("{count} {zh}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_and_fall_back() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::from_browser(&["fr-FR".into(), "zh-TW".into()]), Lang::Zh);
        assert_eq!(Lang::from_browser(&[]), Lang::En);
    }

    #[test]
    fn every_scenario_is_described_in_both_languages() {
        for name in rmi_engine::scenarios::SCENARIO_NAMES {
            for lang in [Lang::En, Lang::Zh] {
                assert_ne!(scenario_text(lang, name).0, "?", "{name} {lang:?}");
            }
        }
    }
}
