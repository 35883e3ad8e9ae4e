//! Interface text in English and Simplified Chinese. Docker's own output is never translated;
//! everything else that reaches the page (labels, titles, aria-labels, sentences) comes from here.

use crate::layout::{Holder, NodeKind};

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

/// Declares the texts and, from the same list, [`Text::ALL`], so no text can be left out of
/// the tests that check both languages have it.
macro_rules! texts {
    ($($name:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text {
            $($name),*
        }

        impl Text {
            pub const ALL: &'static [Text] = &[$(Text::$name),*];
        }
    };
}

texts! {
    Title,
    DocumentTitle,
    Tagline,
    PromptLabel,
    PromptPlaceholder,
    PromptLoading,
    PromptHeld,
    Narration,
    NarrationPlay,
    NarrationPause,
    NarrationStep,
    NarrationYourTurn,
    NarrationReplay,
    NarrationKeys,
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
    CrashReload,
    StorageFailed,
    HeldByNothing,
    Actions,
    Close,
    EmptyStore,
    Completions,
    Toolbar,
    KindTag,
    KindDigest,
    KindImage,
    KindLayer,
    KindContainer,
    ChildImage,
    Untagged,
    StateRunning,
    StateExited,
    StateCreated,
    Lessons,
    LessonList,
    LessonHint,
    LessonNoMoreHints,
    LessonSolution,
    LessonReplaying,
    LessonRestart,
    LessonClose,
    LessonGoals,
    LessonHints,
    LessonComplete,
    LessonNotStarted,
    LessonDone,
    LessonLoading,
    LessonShow,
    LessonHide,
    NoticeLessonUnavailable,
    NoticeLessonBroken,
    NoticeLessonProgressCorrupt,
    NoticeUnknownVariant,
    NoticeCodeGenuine,
    NoticeCodeNotGenuine,
    NoticeCodeUncheckable,
    LessonVariant,
    LessonCode,
    LessonCodeHelp,
    Share,
    OpenFull,
    ShareTitle,
    ShareCopied,
    ShareSelect,
    ShareUnavailable,
    NoticeSharedSession,
    NoticeLinkRefused,
    NoticeEmbedParameter,
    // graph (issue 9)
    KindStack,
    Legend,
    LegendTag,
    LegendDigest,
    LegendImage,
    LegendDangling,
    LegendLayer,
    LegendStack,
    LegendRunning,
    LegendExited,
    LegendCreated,
    LegendEdge,
    LegendChildEdge,
    LegendRemove,
    LegendBlocker,
    GraphSearch,
    GraphSearchPlaceholder,
    GraphSearchNone,
    GraphKeys,
    OutOfView,
    FoldLayers,
    UnfoldLayers,
    WelcomeTitle,
    WelcomeWhat,
    WelcomeShapes,
    WelcomeTry,
    WelcomeLessons,
    WelcomeDismiss,
    OutputShow,
    OutputHide,
}

pub fn t(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    match (lang, text) {
        (Lang::En, Title) => "rmi playground",
        (Lang::Zh, Title) => "rmi 演练场",
        (Lang::En, DocumentTitle) => "rmi playground — docker rmi, live",
        (Lang::Zh, DocumentTitle) => "rmi 演练场 — 实时演示 docker rmi",
        (Lang::En, Tagline) => {
            "Docker's image store, live: type docker commands and watch tags, images and layers change."
        }
        (Lang::Zh, Tagline) => "实时的 Docker 镜像存储：输入 docker 命令，观察标签、镜像和镜像层的变化。",
        (Lang::En, PromptLabel) => "Command",
        (Lang::Zh, PromptLabel) => "命令",
        (Lang::En, PromptPlaceholder) => "a docker command, or help",
        (Lang::Zh, PromptPlaceholder) => "输入 docker 命令，或 help",
        (Lang::En, PromptLoading) => "loading…",
        (Lang::Zh, PromptLoading) => "加载中…",
        (Lang::En, PromptHeld) => "replay playing… yours when it ends",
        (Lang::Zh, PromptHeld) => "回放中…结束后交给你",
        (Lang::En, Narration) => "Narrated replay",
        (Lang::Zh, Narration) => "讲解回放",
        (Lang::En, NarrationPlay) => "Play",
        (Lang::Zh, NarrationPlay) => "播放",
        (Lang::En, NarrationPause) => "Pause",
        (Lang::Zh, NarrationPause) => "暂停",
        (Lang::En, NarrationStep) => "Step",
        (Lang::Zh, NarrationStep) => "单步",
        (Lang::En, NarrationYourTurn) => "Your turn: the prompt is yours.",
        (Lang::Zh, NarrationYourTurn) => "轮到你了：命令行交给你。",
        (Lang::En, NarrationReplay) => "Replay from the start",
        (Lang::Zh, NarrationReplay) => "从头回放",
        (Lang::En, NarrationKeys) => "Space plays or pauses, → steps",
        (Lang::Zh, NarrationKeys) => "空格键播放或暂停，→ 单步",
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
        (Lang::Zh, NoticeUnknownScenario) => "未知场景，已改为从空守护进程开始：",
        (Lang::En, NoticeUnknownLanguage) => "Unknown language; using the default instead:",
        (Lang::Zh, NoticeUnknownLanguage) => "未知语言，已使用默认语言：",
        (Lang::En, NoticeNothingToUndo) => "Nothing to undo.",
        (Lang::Zh, NoticeNothingToUndo) => "没有可撤销的操作。",
        (Lang::En, NoticeNothingToRedo) => "Nothing to redo.",
        (Lang::Zh, NoticeNothingToRedo) => "没有可重做的操作。",
        (Lang::En, CrashTitle) => "Something went wrong",
        (Lang::Zh, CrashTitle) => "出错了",
        (Lang::En, CrashBody) => {
            "The playground hit an internal error. Resetting clears the saved session and starts clean; reloading keeps it."
        }
        (Lang::Zh, CrashBody) => "演练场遇到内部错误。重置会清除保存的会话并重新开始；重新加载则保留它。",
        (Lang::En, CrashReset) => "Reset the playground",
        (Lang::Zh, CrashReset) => "重置演练场",
        (Lang::En, CrashReload) => "Reload, keeping the session",
        (Lang::Zh, CrashReload) => "重新加载（保留会话）",
        (Lang::En, StorageFailed) => "The browser would not save the session, so a reload will lose it:",
        (Lang::Zh, StorageFailed) => "浏览器未能保存会话，重新加载页面后会话将会丢失：",
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
        (Lang::En, Toolbar) => "Toolbar",
        (Lang::Zh, Toolbar) => "工具栏",
        (Lang::En, KindTag) => "tag",
        (Lang::Zh, KindTag) => "标签",
        (Lang::En, KindDigest) => "digest",
        (Lang::Zh, KindDigest) => "摘要引用",
        (Lang::En, KindImage) => "image",
        (Lang::Zh, KindImage) => "镜像",
        (Lang::En, KindLayer) => "layer",
        (Lang::Zh, KindLayer) => "镜像层",
        (Lang::En, KindContainer) => "container",
        (Lang::Zh, KindContainer) => "容器",
        (Lang::En, ChildImage) => "child image",
        (Lang::Zh, ChildImage) => "子镜像",
        (Lang::En, Untagged) => "<none>",
        (Lang::Zh, Untagged) => "<无标签>",
        (Lang::En, StateRunning) => "running",
        (Lang::Zh, StateRunning) => "运行中",
        (Lang::En, StateExited) => "exited",
        (Lang::Zh, StateExited) => "已退出",
        (Lang::En, StateCreated) => "created",
        (Lang::Zh, StateCreated) => "已创建",
        (Lang::En, Lessons) => "Lessons",
        (Lang::Zh, Lessons) => "课程",
        (Lang::En, LessonList) => "Lessons",
        (Lang::Zh, LessonList) => "课程列表",
        (Lang::En, LessonHint) => "Hint",
        (Lang::Zh, LessonHint) => "提示",
        (Lang::En, LessonNoMoreHints) => "No more hints",
        (Lang::Zh, LessonNoMoreHints) => "没有更多提示了",
        (Lang::En, LessonSolution) => "Show solution",
        (Lang::Zh, LessonSolution) => "演示解法",
        (Lang::En, LessonReplaying) => "Replaying the solution from the step's start…",
        (Lang::Zh, LessonReplaying) => "正在从本步开头演示解法……",
        (Lang::En, LessonRestart) => "Restart lesson",
        (Lang::Zh, LessonRestart) => "重新开始课程",
        (Lang::En, LessonClose) => "Close lesson",
        (Lang::Zh, LessonClose) => "关闭课程",
        (Lang::En, LessonGoals) => "Goals",
        (Lang::Zh, LessonGoals) => "目标",
        (Lang::En, LessonHints) => "Hints",
        (Lang::Zh, LessonHints) => "提示",
        (Lang::En, LessonComplete) => "Lesson complete!",
        (Lang::Zh, LessonComplete) => "课程完成！",
        (Lang::En, LessonNotStarted) => "not started",
        (Lang::Zh, LessonNotStarted) => "未开始",
        (Lang::En, LessonDone) => "done",
        (Lang::Zh, LessonDone) => "已完成",
        (Lang::En, LessonLoading) => "Loading the lesson…",
        (Lang::Zh, LessonLoading) => "正在加载课程……",
        (Lang::En, LessonShow) => "Show the lesson",
        (Lang::Zh, LessonShow) => "展开课程",
        (Lang::En, LessonHide) => "Hide the lesson",
        (Lang::Zh, LessonHide) => "收起课程",
        (Lang::En, NoticeLessonUnavailable) => "That lesson could not be opened; pick one from the list:",
        (Lang::Zh, NoticeLessonUnavailable) => "无法打开这个课程，请从列表中选择：",
        (Lang::En, NoticeLessonBroken) => "The lesson file has a mistake, so this step cannot start:",
        (Lang::Zh, NoticeLessonBroken) => "课程文件有错误，这一步无法开始：",
        (Lang::En, NoticeUnknownVariant) => "A variant is a number from 0 to 9999; the lesson opens as written instead of:",
        (Lang::Zh, NoticeUnknownVariant) => "变体应是 0 到 9999 之间的数字，课程按原样打开，而不是：",
        (Lang::En, NoticeCodeGenuine) => "Genuine: this completion code is earned by finishing this lesson on this variant:",
        (Lang::Zh, NoticeCodeGenuine) => "有效：完成这个变体上的本课程才能得到这个完成码：",
        (Lang::En, NoticeCodeNotGenuine) => "Not genuine: finishing this lesson on this variant does not give the code",
        (Lang::Zh, NoticeCodeNotGenuine) => "无效：完成这个变体上的本课程得不到这个完成码",
        (Lang::En, NoticeCodeUncheckable) => "The code cannot be checked: the lesson's own solution does not finish it:",
        (Lang::Zh, NoticeCodeUncheckable) => "无法核对完成码：课程自带的解答无法完成它：",
        (Lang::En, NoticeEmbedParameter) => "Some of this embed's parameters were not understood and fell back:",
        (Lang::Zh, NoticeEmbedParameter) => "这个嵌入的部分参数无法识别，已使用默认值：",
        (Lang::En, OpenFull) => "Open full playground ↗",
        (Lang::Zh, OpenFull) => "打开完整演练场 ↗",
        (Lang::En, Share) => "Copy link",
        (Lang::Zh, Share) => "复制链接",
        (Lang::En, ShareTitle) => "A link that reopens this session: the start and every command, replayed",
        (Lang::Zh, ShareTitle) => "一个能重新打开本会话的链接：起点和每一条命令都会重放",
        (Lang::En, ShareCopied) => "Copied to the clipboard:",
        (Lang::Zh, ShareCopied) => "已复制到剪贴板：",
        (Lang::En, ShareSelect) => "Select the link and copy it:",
        (Lang::Zh, ShareSelect) => "请选中链接并复制：",
        (Lang::En, ShareUnavailable) => "No link for this session: it was saved before links existed, or resumed from storage. Reset (or restart the lesson) to start one.",
        (Lang::Zh, ShareUnavailable) => "本会话没有链接：它保存于链接功能出现之前，或是从存储中恢复的。重置（或重新开始课程）即可开始记录。",
        (Lang::En, NoticeSharedSession) => "A shared session, replayed from its link. It is not saved: your own session is kept and comes back without the link.",
        (Lang::Zh, NoticeSharedSession) => "这是通过链接重放的共享会话，不会被保存：你自己的会话保持不变，去掉链接即可回到它。",
        (Lang::En, NoticeLinkRefused) => "This link cannot be opened; your own session is shown instead:",
        (Lang::Zh, NoticeLinkRefused) => "无法打开这个链接，显示的是你自己的会话：",
        (Lang::En, LessonVariant) => "variant",
        (Lang::Zh, LessonVariant) => "变体",
        (Lang::En, LessonCode) => "Completion code",
        (Lang::Zh, LessonCode) => "完成码",
        (Lang::En, LessonCodeHelp) => "Give it to your teacher: it can be checked offline by adding &check=CODE to this lesson's address.",
        (Lang::Zh, LessonCodeHelp) => "把它交给老师：在本课程的地址后加上 &check=完成码 即可离线核对。",
        (Lang::En, WelcomeTitle) => "Welcome to the rmi playground",
        (Lang::Zh, WelcomeTitle) => "欢迎来到 rmi 演练场",
        (Lang::En, WelcomeWhat) => "Docker's local image store, simulated in your browser: type docker commands in the terminal, get what Docker 27 prints, and watch the graph change. No real Docker is touched; type help to see what it models.",
        (Lang::Zh, WelcomeWhat) => "在浏览器里模拟的 Docker 本地镜像存储：在终端输入 docker 命令，得到 Docker 27 的输出，并观察图的变化。不会碰到真正的 Docker；输入 help 查看它模拟了什么。",
        (Lang::En, WelcomeShapes) => "In the graph, tags (green) point to images (amber), each standing on its stack of layers (blue); containers (cyan when running) keep their image, and a faded, dashed image has no tag left.",
        (Lang::Zh, WelcomeShapes) => "图中，标签（绿色）指向镜像（琥珀色），每个镜像立在自己的一叠镜像层（蓝色）之上；容器（运行中为青色）会保住它的镜像，变淡且虚线边框的镜像已没有标签。",
        (Lang::En, WelcomeTry) => "Try on the book's machine: ",
        (Lang::Zh, WelcomeTry) => "在书中的机器上试试：",
        (Lang::En, WelcomeLessons) => "Or follow a lesson",
        (Lang::Zh, WelcomeLessons) => "或者跟着课程学习",
        (Lang::En, WelcomeDismiss) => "Got it",
        (Lang::Zh, WelcomeDismiss) => "知道了",
        (Lang::En, OutputShow) => "Show the output",
        (Lang::Zh, OutputShow) => "展开输出",
        (Lang::En, OutputHide) => "Hide the output",
        (Lang::Zh, OutputHide) => "收起输出",
        (Lang::En, NoticeLessonProgressCorrupt) => "The lesson's saved progress could not be read, so it starts again:",
        (Lang::Zh, NoticeLessonProgressCorrupt) => "无法读取课程保存的进度，已重新开始：",
        // graph (issue 9)
        (Lang::En, KindStack) => "own layers of image",
        (Lang::Zh, KindStack) => "镜像自有的镜像层",
        (Lang::En, Legend) => "Legend",
        (Lang::Zh, Legend) => "图例",
        (Lang::En, LegendTag) => "tag: a name pointing at an image",
        (Lang::Zh, LegendTag) => "标签：指向镜像的名称",
        (Lang::En, LegendDigest) => "digest reference (dashed)",
        (Lang::Zh, LegendDigest) => "摘要引用（虚线）",
        (Lang::En, LegendImage) => "image: its short ID and size",
        (Lang::Zh, LegendImage) => "镜像：短 ID 与大小",
        (Lang::En, LegendDangling) => "dangling image: no name left (faded)",
        (Lang::Zh, LegendDangling) => "悬空镜像：已无名称（半透明）",
        (Lang::En, LegendLayer) => "layer: drawn once, across every image standing on it",
        (Lang::Zh, LegendLayer) => "镜像层：只画一次，横跨所有使用它的镜像",
        (Lang::En, LegendStack) => "an image's own layers, folded: click or Enter opens them",
        (Lang::Zh, LegendStack) => "折叠起来的镜像自有层：点击或按回车展开",
        (Lang::En, LegendRunning) => "container, running",
        (Lang::Zh, LegendRunning) => "容器，运行中",
        (Lang::En, LegendExited) => "container, exited",
        (Lang::Zh, LegendExited) => "容器，已退出",
        (Lang::En, LegendCreated) => "container, created",
        (Lang::Zh, LegendCreated) => "容器，已创建",
        (Lang::En, LegendEdge) => "line: what stands on what (tag → image → layers; container → image)",
        (Lang::Zh, LegendEdge) => "连线：谁依赖谁（标签 → 镜像 → 镜像层；容器 → 镜像）",
        (Lang::En, LegendChildEdge) => "dashed arrow: image committed from another image",
        (Lang::Zh, LegendChildEdge) => "虚线箭头：由另一个镜像提交而来的镜像",
        (Lang::En, LegendRemove) => "red dashes: what the typed command would delete",
        (Lang::Zh, LegendRemove) => "红色虚线：输入的命令将会删除的对象",
        (Lang::En, LegendBlocker) => "orange: what stops the typed command",
        (Lang::Zh, LegendBlocker) => "橙色：阻止输入的命令的对象",
        (Lang::En, GraphSearch) => "Find in graph",
        (Lang::Zh, GraphSearch) => "在图中查找",
        (Lang::En, GraphSearchPlaceholder) => "tag, ID or container",
        (Lang::Zh, GraphSearchPlaceholder) => "标签、ID 或容器",
        (Lang::En, GraphSearchNone) => "no match",
        (Lang::Zh, GraphSearchNone) => "没有匹配",
        (Lang::En, GraphKeys) => "Arrow keys move between objects, Enter opens the actions, Shift with arrows pans",
        (Lang::Zh, GraphKeys) => "方向键在对象间移动，回车打开操作，Shift 加方向键平移",
        (Lang::En, OutOfView) => "More of the graph is out of view: drag it, scroll, or press Shift with the arrow keys.",
        (Lang::Zh, OutOfView) => "图中还有部分不在视图内：拖动、滚动，或按 Shift 加方向键查看。",
        (Lang::En, FoldLayers) => "Fold the image's own layers",
        (Lang::Zh, FoldLayers) => "折叠镜像自有的镜像层",
        (Lang::En, UnfoldLayers) => "Show the image's own layers",
        (Lang::Zh, UnfoldLayers) => "展开镜像自有的镜像层",
    }
}

/// A folded stack's label: "5 layers", "5 层".
pub fn stack_label(lang: Lang, layers: usize) -> String {
    match (lang, layers) {
        (Lang::En, 1) => "1 layer".to_string(),
        (Lang::En, n) => format!("{n} layers"),
        (Lang::Zh, n) => format!("{n} 层"),
    }
}

/// How many objects the graph search found: "2 of 5", "第 2 个，共 5 个".
pub fn search_count(lang: Lang, at: usize, of: usize) -> String {
    match lang {
        Lang::En => format!("{at} of {of}"),
        Lang::Zh => format!("第 {at} 个，共 {of} 个"),
    }
}

/// The panel's progress line: "Step 2 of 7 · 2 / 3 goals".
pub fn lesson_progress(lang: Lang, step: usize, steps: usize, met: usize, goals: usize) -> String {
    match lang {
        Lang::En => format!("Step {step} of {steps} · {met} / {goals} goals"),
        Lang::Zh => format!("第 {step} 步，共 {steps} 步 · 目标 {met} / {goals}"),
    }
}

/// The list's status of a lesson started but not finished: "step 3 of 7".
pub fn lesson_at_step(lang: Lang, step: usize, steps: usize) -> String {
    match lang {
        Lang::En => format!("step {step} of {steps}"),
        Lang::Zh => format!("第 {step} 步，共 {steps} 步"),
    }
}

/// What the completion says: commands used against par, and the disk space freed.
pub fn lesson_result(lang: Lang, used: usize, par: usize, freed: i64) -> String {
    let size = rmi_engine::units::human_size(freed.unsigned_abs());
    match (lang, freed < 0) {
        (Lang::En, false) => format!("{used} commands (par {par}); {size} of disk space freed."),
        (Lang::En, true) => format!("{used} commands (par {par}); disk usage grew by {size}."),
        (Lang::Zh, false) => format!("用了 {used} 条命令（标准 {par} 条）；释放了 {size} 磁盘空间。"),
        (Lang::Zh, true) => format!("用了 {used} 条命令（标准 {par} 条）；磁盘占用增加了 {size}。"),
    }
}

/// What an object is called: "layer", "镜像层".
pub fn kind_name(lang: Lang, kind: NodeKind) -> &'static str {
    t(
        lang,
        match kind {
            NodeKind::Tag => Text::KindTag,
            NodeKind::Digest => Text::KindDigest,
            NodeKind::Image => Text::KindImage,
            NodeKind::Layer => Text::KindLayer,
            NodeKind::Container => Text::KindContainer,
            NodeKind::Stack => Text::KindStack,
        },
    )
}

/// A container's state as the graph shows it (`running`, `exited`, `created` from the layout).
pub fn container_state(lang: Lang, state: &str) -> &'static str {
    match state {
        "running" => t(lang, Text::StateRunning),
        "exited" => t(lang, Text::StateExited),
        _ => t(lang, Text::StateCreated),
    }
}

/// One holder in words: "ubuntu:16.04", "image 2fa927b5cdd3 (myubuntu:latest, ubuntu:16.04)",
/// "container romantic_euler", "容器 romantic_euler".
pub fn holder(lang: Lang, holder: &Holder) -> String {
    match holder {
        Holder::Reference(name) => name.clone(),
        Holder::Image { tags, short_id } if tags.is_empty() => format!("{} {short_id}", t(lang, Text::KindImage)),
        Holder::Image { tags, short_id } => match lang {
            Lang::En => format!("{} {short_id} ({})", t(lang, Text::KindImage), tags.join(", ")),
            Lang::Zh => format!("{} {short_id}（{}）", t(lang, Text::KindImage), tags.join("、")),
        },
        Holder::Container(name) => format!("{} {name}", t(lang, Text::KindContainer)),
        Holder::ChildImage(short_id) => format!("{} {short_id}", t(lang, Text::ChildImage)),
    }
}

/// Who keeps an object alive, as a clause: "held by ubuntu:16.04, container romantic_euler".
pub fn held_by(lang: Lang, holders: &[Holder]) -> String {
    if holders.is_empty() {
        return t(lang, Text::HeldByNothing).to_string();
    }
    let names: Vec<String> = holders.iter().map(|h| holder(lang, h)).collect();
    match lang {
        Lang::En => format!("held by {}", names.join(", ")),
        Lang::Zh => format!("被 {} 引用", names.join("、")),
    }
}

/// A graph node's accessible name: its visible words first, as shown (what a voice-control user
/// reads off the screen and says), then what kind of object it is, and its whole name when the
/// box shows it cut ("hello-world:late… 13.3kB, tag hello-world:latest").
pub fn node_name(lang: Lang, kind: NodeKind, shown: &str, full: &str, detail: &str) -> String {
    let words = if detail.is_empty() { shown.to_string() } else { format!("{shown} {detail}") };
    let kind = kind_name(lang, kind);
    let what = if shown == full { kind.to_string() } else { format!("{kind} {full}") };
    match lang {
        Lang::En => format!("{words}, {what}"),
        Lang::Zh => format!("{words}，{what}"),
    }
}

/// The label of an object: "layer sha256:… (65.6MB)".
pub fn object(lang: Lang, kind: NodeKind, id: &str, detail: &str) -> String {
    if detail.is_empty() {
        format!("{} {id}", kind_name(lang, kind))
    } else {
        format!("{} {id} ({detail})", kind_name(lang, kind))
    }
}

/// A scenario's name and one-line description.
pub fn scenario_text(lang: Lang, name: &str) -> (&'static str, &'static str) {
    match (lang, name) {
        (Lang::En, "empty") => ("Empty daemon", "No images, no containers."),
        (Lang::Zh, "empty") => ("空守护进程", "没有镜像，也没有容器。"),
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

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_text_has_english_and_a_chinese_translation() {
        assert!(Text::ALL.len() > 40);
        for &text in Text::ALL {
            let (en, zh) = (t(Lang::En, text), t(Lang::Zh, text));
            assert!(!en.trim().is_empty(), "{text:?} has no English");
            assert!(!zh.trim().is_empty(), "{text:?} has no Chinese");
            assert_ne!(en, zh, "{text:?} is not translated");
            assert!(has_chinese(zh), "{text:?}: {zh:?} is not Chinese");
        }
    }

    #[test]
    fn sentences_about_objects_follow_the_language() {
        let holders = [
            Holder::Reference("ubuntu:16.04".to_string()),
            Holder::Image { tags: Vec::new(), short_id: "2fa927b5cdd3".to_string() },
            Holder::Container("romantic_euler".to_string()),
            Holder::ChildImage("0123456789ab".to_string()),
        ];
        let tagged =
            [Holder::Image { tags: vec!["a:1".to_string(), "b:2".to_string()], short_id: "2fa927b5cdd3".to_string() }];
        assert_eq!(held_by(Lang::En, &tagged), "held by image 2fa927b5cdd3 (a:1, b:2)");
        assert_eq!(held_by(Lang::Zh, &tagged), "被 镜像 2fa927b5cdd3（a:1、b:2） 引用");
        assert_eq!(
            held_by(Lang::En, &holders),
            "held by ubuntu:16.04, image 2fa927b5cdd3, container romantic_euler, child image 0123456789ab"
        );
        assert_eq!(
            held_by(Lang::Zh, &holders),
            "被 ubuntu:16.04、镜像 2fa927b5cdd3、容器 romantic_euler、子镜像 0123456789ab 引用"
        );
        assert_eq!(held_by(Lang::Zh, &[]), "未被引用");
        assert_eq!(node_name(Lang::En, NodeKind::Tag, "a:1", "a:1", ""), "a:1, tag");
        assert_eq!(
            node_name(Lang::En, NodeKind::Tag, "hello-world:late…", "hello-world:latest", "13.3kB"),
            "hello-world:late… 13.3kB, tag hello-world:latest"
        );
        assert_eq!(object(Lang::En, NodeKind::Layer, "sha256:ab", "65.6MB"), "layer sha256:ab (65.6MB)");
        assert_eq!(object(Lang::Zh, NodeKind::Container, "abc", ""), "容器 abc");
        assert_eq!(container_state(Lang::Zh, "running"), "运行中");
        assert_eq!(container_state(Lang::En, "exited"), "exited");
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
