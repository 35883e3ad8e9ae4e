//! The root: owns the session reducer, the language and theme, the prompt's preview, and wires
//! the children together.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::embed_bridge::EmbedBridge;
use super::graph::{Graph, Preview};
use super::lesson_list::LessonList;
use super::lesson_panel::LessonPanel;
use super::narration_bar::NarrationBar;
use super::notice::NoticeBar;
use super::platform::{self, StorageProblem};
use super::share_control::ShareControl;
use super::storage_notice::StorageNotice;
use super::tables::Tables;
use super::terminal::Terminal;
use super::text_tree::TextTree;
use super::toolbar::{Theme, Toolbar};
use super::welcome::{Welcome, TRY_COMMAND};
use crate::i18n::{t, Lang, Text};
use crate::lesson_store::{self, requested_lesson};
use crate::lessons::code::{is_genuine, CheckFailed};
use crate::lessons::variant::on_variant;
use crate::lessons::{parse_lesson, Index};
use crate::session::{Action, Notice, NoticeKind, Session};
use crate::summary;

const SEED: u64 = 0x5EED;
/// The pause between the commands of a replayed solution, long enough to follow each one.
const REPLAY_DELAY_MS: u32 = 700;

/// What the page's storage entries are for: the scenario, or the lesson, from the URL.
fn requested_origin() -> String {
    match (platform::query_param("lesson"), platform::query_param("lesson-url")) {
        (Some(id), _) => match platform::query_param("variant") {
            Some(variant) => format!("lesson={id}&variant={variant}"),
            None => format!("lesson={id}"),
        },
        (None, Some(url)) => format!("lesson-url={url}"),
        (None, None) => platform::query_param("scenario").unwrap_or_default(),
    }
}

/// The lesson the URL asks for (`lesson=` or `lesson-url=`), if any: where to fetch it, or the
/// malformed id.
fn url_lesson() -> Option<Result<lesson_store::LessonSource, String>> {
    requested_lesson(platform::query_param("lesson").as_deref(), platform::query_param("lesson-url").as_deref())
}

/// Fetches the lesson the URL asks for and opens it, or says why not and shows the list.
async fn load_requested_lesson(session: UseReducerHandle<Session>, list_open: UseStateHandle<bool>) {
    let source = match url_lesson() {
        None => return,
        Some(Ok(source)) => source,
        Some(Err(id)) => {
            let detail = crate::guide::cut(&id, 60);
            session.dispatch(Action::Notify(Notice { kind: NoticeKind::LessonUnavailable, detail }));
            list_open.set(true);
            return;
        }
    };
    let variant = lesson_store::requested_variant(platform::query_param("variant").as_deref()).unwrap_or_else(|bad| {
        session.dispatch(Action::Notify(Notice { kind: NoticeKind::UnknownVariant, detail: bad }));
        0
    });
    let fetched = platform::fetch_text(&source.url).await;
    platform::mark("lesson-file");
    let lesson = fetched.and_then(|text| parse_lesson(&text).map_err(|e| format!("{}: {e}", source.url)));
    match lesson {
        Ok(lesson) if source.expected_id.as_ref().is_none_or(|id| *id == lesson.id) => {
            let mut lesson = on_variant(&lesson, variant);
            // A share link names lessons of the lessons folder; an author's file is not one.
            lesson.shareable = source.expected_id.is_some();
            let stored = platform::load(&lesson_store::storage_key(&lesson.id, variant));
            let now = platform::now_ns();
            // A teacher's check: the lesson's own solution, played offline on the same variant.
            let checked = platform::query_param("check").map(|code| match is_genuine(&lesson, &code, now) {
                Ok(true) => Notice { kind: NoticeKind::CodeGenuine, detail: code },
                Ok(false) => Notice { kind: NoticeKind::CodeNotGenuine, detail: String::new() },
                Err(CheckFailed(why)) => Notice { kind: NoticeKind::CodeUncheckable, detail: why },
            });
            session.dispatch(Action::OpenLesson { lesson: Rc::new(lesson), stored, now });
            if let Some(notice) = checked {
                session.dispatch(Action::Notify(notice));
            }
        }
        other => {
            let detail = match other {
                Ok(lesson) => format!("{}: the file's id is {:?}", source.url, lesson.id),
                Err(why) => why,
            };
            session.dispatch(Action::Notify(Notice { kind: NoticeKind::LessonUnavailable, detail }));
            list_open.set(true);
        }
    }
}

/// The scenario asked for in the URL (or the default), and whether it was valid.
fn requested_scenario() -> (String, Option<String>) {
    match platform::query_param("scenario") {
        Some(name) if rmi_engine::scenarios::SCENARIO_NAMES.contains(&name.as_str()) => (name, None),
        Some(unknown) => ("empty".to_string(), Some(unknown)),
        None => ("empty".to_string(), None),
    }
}

/// `?s=LINK`: the share link in the URL, decoded, or why it cannot be.
fn requested_link() -> Option<Result<crate::share::SharedSession, String>> {
    platform::query_param("s").map(|text| crate::share::decode(&text).map_err(|e| e.to_string()))
}

/// A lesson link's lesson: fetched, checked and put on the link's variant, then the link is
/// replayed with it.
async fn load_linked_lesson(session: UseReducerHandle<Session>, link: crate::share::SharedSession) {
    let crate::share::Start::Lesson { id, variant } = &link.start else { return };
    let refused = |detail: String| Action::Notify(Notice { kind: NoticeKind::LinkRefused, detail });
    let source = match requested_lesson(Some(id), None) {
        Some(Ok(source)) => source,
        _ => return session.dispatch(refused(format!("the link names lesson {id:?}"))),
    };
    if *variant > crate::lessons::variant::MAX_VARIANT {
        return session.dispatch(refused(format!("the link names variant {variant}")));
    }
    let lesson = platform::fetch_text(&source.url)
        .await
        .and_then(|text| parse_lesson(&text).map_err(|e| format!("{}: {e}", source.url)));
    match lesson {
        Ok(lesson) if lesson.id == *id => {
            let lesson = Rc::new(on_variant(&lesson, *variant));
            session.dispatch(Action::OpenLink { link: Box::new(link), lesson: Some(lesson) });
        }
        Ok(lesson) => session.dispatch(refused(format!("{}: the file's id is {:?}", source.url, lesson.id))),
        Err(why) => session.dispatch(refused(why)),
    }
}

/// Restores the stored session when it was started from the same URL scenario; otherwise
/// starts that scenario fresh. A share link in the URL is replayed instead (a lesson link once
/// its lesson has arrived), and never saved over the reader's own session.
fn initial_session() -> Session {
    platform::mark("session-start");
    let now = platform::now_ns();
    match requested_link() {
        Some(Ok(link)) if matches!(link.start, crate::share::Start::Scenario(_)) => {
            match Session::from_link(&link, None) {
                Ok(mut session) => {
                    session.notice = Some(Notice { kind: NoticeKind::SharedSession, detail: String::new() });
                    return session;
                }
                Err(why) => return with_notice(stored_session(now), NoticeKind::LinkRefused, why.to_string()),
            }
        }
        Some(Err(why)) => return with_notice(stored_session(now), NoticeKind::LinkRefused, why),
        // A lesson link: the reader's own session until the lesson arrives (or cannot).
        Some(Ok(_)) => return stored_session(now),
        None => {}
    }
    own_session(now)
}

/// The reader's stored session as it is, whatever address it was started from (a link that
/// cannot be opened shows it, and it goes on being saved where it was).
fn stored_session(now: i64) -> Session {
    match platform::load(platform::SESSION_KEY) {
        Some(text) => Session::from_storage(&text, "empty", SEED, now),
        None => Session::new("empty", SEED, now),
    }
}

fn with_notice(mut session: Session, kind: NoticeKind, detail: String) -> Session {
    session.notice = Some(Notice { kind, detail });
    session
}

/// The reader's own session: the stored one when it was started from the same URL scenario;
/// otherwise that scenario fresh.
fn own_session(now: i64) -> Session {
    let (scenario, unknown) = requested_scenario();
    let origin = requested_origin();
    let stored_origin = platform::load(platform::ORIGIN_KEY).unwrap_or_default();
    // A narrated replay always plays from its scenario's start, whatever was kept before.
    let narrated = platform::embed_options().script.is_some();
    // The bare address is the reader's playground: it resumes the session they left, whatever
    // scenario it was started from (a lesson's needs its lesson, which only its address names),
    // and the address then names that scenario.
    let resumes_elsewhere = origin.is_empty() && !stored_origin.is_empty() && !stored_origin.starts_with("lesson");
    let mut session = match platform::load(platform::SESSION_KEY) {
        Some(text) if (stored_origin == origin || resumes_elsewhere) && !narrated => {
            Session::from_storage(&text, &scenario, SEED, now)
        }
        _ => Session::new(&scenario, SEED, now),
    };
    if let Some(unknown) = unknown {
        session.notice = Some(Notice { kind: NoticeKind::UnknownScenario, detail: unknown });
    }
    if resumes_elsewhere && !narrated && session.notice.is_none() {
        let resumed = session.scenario().to_string();
        platform::replace_query(&[("scenario", &resumed)], &[]);
        platform::save(platform::ORIGIN_KEY, &resumed);
    } else {
        platform::save(platform::ORIGIN_KEY, &origin);
    }
    session
}

fn initial_lang() -> (Lang, Option<String>) {
    if let Some(code) = platform::query_param("lang") {
        return match Lang::parse(&code) {
            Some(lang) => (lang, None),
            None => (Lang::from_browser(&platform::browser_languages()), Some(code)),
        };
    }
    let stored = platform::load(platform::LANG_KEY).and_then(|c| Lang::parse(&c));
    (stored.unwrap_or_else(|| Lang::from_browser(&platform::browser_languages())), None)
}

/// "Open full playground": the hosted page with this session, by its share link (or its
/// scenario when the session has no journal).
fn full_playground_url(session: &Session) -> String {
    match session.share_link() {
        Some(link) => platform::page_url_with(&format!("s={link}")),
        None => platform::page_url_with(&format!("scenario={}", session.scenario())),
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let embed = platform::embed_options();
    let session = use_reducer(initial_session);
    let lang_state = use_state(initial_lang);
    let lang = lang_state.0;
    let theme = use_state(|| {
        match embed.theme.map(str::to_string).or_else(|| platform::load(platform::THEME_KEY)).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    });
    let prompt = use_state(String::new);
    let prefill = use_state(|| (0u64, String::new()));
    let storage_problem = use_state(|| None::<StorageProblem>);
    let list_open = use_state(|| false);
    let index = use_state(|| None::<Rc<Index>>);
    // What a narrated replay shows at the prompt while it holds it (`None`: the reader's).
    let held = use_state(|| embed.script.as_ref().map(|_| String::new()));
    // On a phone a lesson's drawer comes first: the prompt's focus would fold it away.
    let focus_on_load = use_state(|| !(url_lesson().is_some() && platform::media_matches("(max-width: 600px)")));
    let focus_on_load = *focus_on_load;
    // The first visit's welcome: never in an embed, nor when a lesson or a share link opens the
    // page; stored as seen once shown, so a reload does not bring it back.
    let welcome = use_state(|| {
        !embed.embed
            && platform::query_param("s").is_none()
            && url_lesson().is_none()
            && platform::load(platform::WELCOME_KEY).is_none()
    });
    {
        let shown = *welcome;
        use_effect_with((), move |_| {
            if shown {
                platform::save(platform::WELCOME_KEY, "seen");
            }
        });
    }
    // The address follows the reader's scenario (a switch, or an undo across one), so a reload
    // or a copied address opens the same one; a lesson's or a shared session's is left alone.
    {
        let scenario = session.scenario().to_string();
        let own = session.lesson.is_none() && !session.shared && !embed.embed;
        let mounted = use_mut_ref(|| false);
        use_effect_with(scenario, move |scenario| {
            let first = !std::mem::replace(&mut *mounted.borrow_mut(), true);
            if !first && own {
                platform::replace_query(&[("scenario", scenario)], &["s", "lesson", "lesson-url", "variant", "check"]);
                platform::save(platform::ORIGIN_KEY, scenario);
            }
        });
    }

    // The lesson in the URL, fetched once; or a lesson link's lesson.
    {
        let session = session.clone();
        let list_open = list_open.clone();
        use_effect_with((), move |_| match requested_link() {
            Some(Ok(link)) if matches!(link.start, crate::share::Start::Lesson { .. }) => {
                wasm_bindgen_futures::spawn_local(load_linked_lesson(session, link))
            }
            _ => wasm_bindgen_futures::spawn_local(load_requested_lesson(session, list_open)),
        });
    }
    // The list's index, fetched the first time the list opens.
    {
        let index = index.clone();
        let session = session.clone();
        use_effect_with(*list_open, move |open| {
            if *open && index.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    let parsed = platform::fetch_text("lessons/index.json")
                        .await
                        .and_then(|text| serde_json::from_str::<Index>(&text).map_err(|e| e.to_string()));
                    match parsed {
                        Ok(parsed) => index.set(Some(Rc::new(parsed))),
                        Err(detail) => session.dispatch(Action::Notify(Notice {
                            kind: NoticeKind::LessonUnavailable,
                            detail: format!("lessons/index.json: {detail}"),
                        })),
                    }
                });
            }
        });
    }
    // A lesson's progress, kept after every change (commands, hints).
    {
        let session = session.clone();
        let key = session.lesson.as_ref().map(|l| (l.lesson.id.clone(), l.progress.clone(), l.hints_shown));
        use_effect_with((session.revision, key), move |(_, key)| {
            if let (Some(state), Some(_), false) = (&session.lesson, key, session.shared) {
                platform::save(
                    &lesson_store::storage_key(&state.lesson.id, state.lesson.variant),
                    &lesson_store::to_storage(state, &session.engine),
                );
            }
        });
    }
    // A solution being replayed: the next command after a pause. Any action of the reader
    // empties the queue, and the effect's cleanup drops (cancels) the pending timer.
    {
        let session = session.clone();
        let queued = session.lesson.as_ref().map_or(0, |l| l.replay.len());
        use_effect_with((queued, session.revision), move |(queued, _)| {
            let timer = (*queued > 0).then(|| {
                gloo_timers::callback::Timeout::new(REPLAY_DELAY_MS, move || {
                    session.dispatch(Action::ReplayNext { now: platform::now_ns() })
                })
            });
            move || drop(timer)
        });
    }

    // Any failed write (session, history, language, theme) shows one notice. Registered before
    // the effects below, which are the first writes.
    {
        let storage_problem = storage_problem.clone();
        use_effect_with((), move |_| {
            platform::report_storage_problems_to(Some(Callback::from(move |problem| {
                storage_problem.set(Some(problem));
            })));
            || platform::report_storage_problems_to(None)
        });
    }

    // A language given in the URL that is not known: say so once.
    {
        let session = session.clone();
        let unknown = lang_state.1.clone();
        let embed = embed.clone();
        use_effect_with((), move |_| {
            if let Some(code) = unknown {
                session.dispatch(Action::Notify(Notice { kind: NoticeKind::UnknownLanguage, detail: code }));
            }
            // Embed mode: compact chrome (style.css), no prompt when read-only, and every
            // parameter that fell back said in a notice.
            if embed.embed {
                platform::set_body_attribute("data-embed", "true");
                platform::set_body_attribute("data-readonly", &embed.readonly.to_string());
            }
            if !embed.refused.is_empty() {
                let detail = embed.refused.join("; ");
                session.dispatch(Action::Notify(Notice { kind: NoticeKind::EmbedParameter, detail }));
            }
            platform::remove_prerendered();
            platform::mark("ready");
            platform::set_body_attribute("data-ready", "true");
            // The hosted page works offline after this visit; an embed leaves that to its page.
            if !embed.embed {
                platform::register_service_worker();
            }
        });
    }

    // Persist the session after every change; read-only commands too (the log is part of it).
    // In a task of its own right after this one, so that writing a large store (a 200-image
    // session is ~100 KB of JSON) is not on the way from Enter to the graph; a newer change
    // cancels the pending write and brings its own.
    {
        let session = session.clone();
        use_effect_with(session.revision, move |_| {
            // A shared session is looked at, not kept: the reader's own stays as it was.
            let write = (!session.shared).then(|| {
                gloo_timers::callback::Timeout::new(0, move || {
                    platform::save(platform::SESSION_KEY, &session.to_storage())
                })
            });
            move || {
                // Dropping an untriggered gloo timer cancels it; one that already ran is a no-op.
                drop(write)
            }
        });
    }

    // A session restored from storage comes back without the daemons before it: its undo and
    // redo history is rebuilt from its journal once the page is ready, off the way to it.
    {
        let session = session.clone();
        use_effect_with((), move |_| {
            let rebuild = gloo_timers::callback::Timeout::new(0, move || {
                if session.undo.is_empty() && session.redo.is_empty() {
                    if let Some((undo, redo)) = session.history_from_journal() {
                        session.dispatch(Action::RestoreHistory { revision: session.revision, undo, redo });
                    }
                }
            });
            move || drop(rebuild)
        });
    }

    {
        let theme = *theme;
        use_effect_with(theme, move |theme| {
            platform::set_root_attribute("data-theme", theme.attribute());
            platform::save(platform::THEME_KEY, theme.attribute());
        });
    }
    {
        use_effect_with(lang, move |lang| {
            platform::set_root_attribute("lang", if *lang == Lang::Zh { "zh-CN" } else { "en" });
            platform::set_title(t(*lang, Text::DocumentTitle));
            platform::save(platform::LANG_KEY, lang.code());
        });
    }

    let on_run = {
        let session = session.clone();
        let prompt = prompt.clone();
        Callback::from(move |line: String| {
            platform::mark("cmd-start");
            prompt.set(String::new());
            session.dispatch(Action::Run { line, now: platform::now_ns() });
        })
    };
    // What the last command did, read out by screen readers.
    let announcement = if session.last_events.is_empty() {
        String::new()
    } else {
        let tally = summary::tally(&session.last_events, &session.before_last);
        summary::describe(lang, &tally, &session.engine.store)
    };
    let on_input = {
        let prompt = prompt.clone();
        Callback::from(move |line: String| prompt.set(line))
    };
    let on_action = {
        let session = session.clone();
        Callback::from(move |action: Action| session.dispatch(action))
    };
    let on_lang = {
        let lang_state = lang_state.clone();
        Callback::from(move |lang: Lang| lang_state.set((lang, None)))
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |next: Theme| theme.set(next))
    };
    // The welcome's command: on the book's machine (chosen first when the daemon lacks the tag).
    let on_try = {
        let session = session.clone();
        let prefill = prefill.clone();
        let welcome = welcome.clone();
        Callback::from(move |_| {
            if session.engine.dry_run("docker image inspect myubuntu:latest").exit != 0 {
                session.dispatch(Action::Scenario { name: "rmi-tutorial".to_string(), now: platform::now_ns() });
            }
            prefill.set((prefill.0 + 1, TRY_COMMAND.to_string()));
            welcome.set(false);
        })
    };
    let on_suggest = {
        let prefill = prefill.clone();
        Callback::from(move |line: String| prefill.set((prefill.0 + 1, line)))
    };

    // One preview per prompt text (and state, and language): a render for any other reason
    // reuses it, and only removals are dry-run at all.
    let computed = use_memo(((*prompt).clone(), session.revision, lang), {
        let engine = session.engine.clone();
        move |(line, _, lang)| {
            crate::preview::compute(&engine, line, *lang).map(|c| {
                let explanation = c.note.text.clone();
                (Rc::new(Preview { remove: c.remove, blockers: c.blockers, explanation }), c.note)
            })
        }
    });
    let preview = computed.as_ref().as_ref().map(|(preview, _)| preview.clone());
    let preview_note = computed.as_ref().as_ref().map(|(_, note)| note.clone());
    // Keystroke to preview shown (an e2e budget): measured once the view with it is committed.
    use_effect_with(computed.clone(), |_| platform::measure("key-to-preview", "keystroke"));

    // A narration over a lesson waits for the lesson (unless it could not be opened). The
    // address is read once: this runs on every keystroke.
    let url_asks_lesson = use_memo((), |_| url_lesson().is_some());
    let lesson_pending = *url_asks_lesson
        && session.lesson.is_none()
        && !session.notice.as_ref().is_some_and(|n| n.kind == NoticeKind::LessonUnavailable);
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere but in a text field, and in the prompt as it is
    // after every command (empty, nothing typed since): once the reader has typed there, even a
    // line cleared again, the browser's own editing keys have text to bring back. Listening on
    // the document also catches keys when nothing has focus.
    {
        let session = session.clone();
        let locked = embed.readonly || held.is_some();
        use_effect_with(locked, move |locked| {
            let locked = *locked;
            // Not passive: the browser's own Ctrl+Z (and Ctrl+Y) must be prevented.
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo_utils::document(), "keydown", options, move |event| {
                let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let editing_text =
                    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|field| {
                        let fresh_prompt =
                            field.id() == "prompt" && field.value().is_empty() && !field.has_attribute("data-edited");
                        !fresh_prompt
                    });
                if locked || editing_text || !(e.ctrl_key() || e.meta_key()) {
                    return;
                }
                let action = match e.key().to_ascii_lowercase().as_str() {
                    "z" if e.shift_key() => Action::Redo,
                    "z" => Action::Undo,
                    "y" => Action::Redo,
                    _ => return,
                };
                e.prevent_default();
                session.dispatch(action);
            });
            // Dropping the listener removes it from the document.
            move || drop(listener)
        });
    }

    html! {
        <div class="app" id={platform::PRERENDERING.then_some(platform::PRERENDERED_ID)} data-prerendered={platform::PRERENDERING.then_some("true")}>
            <header class="top">
                <div class="brand">
                    <h1>{ t(lang, Text::Title) }</h1>
                    <p class="tagline">{ t(lang, Text::Tagline) }</p>
                </div>
                <Toolbar
                    lang={lang}
                    theme={*theme}
                    scenario={session.scenario().to_string()}
                    can_undo={session.can_undo()}
                    can_redo={session.can_redo()}
                    on_action={on_action.clone()}
                    on_lang={on_lang}
                    on_theme={on_theme}
                    locked={embed.readonly || held.is_some()}
                    on_lessons={{
                        let list_open = list_open.clone();
                        Callback::from(move |_| list_open.set(!*list_open))
                    }}
                />
                <ShareControl lang={lang} journal={session.journal.clone()} />
                if embed.embed {
                    <a class="open-full" data-testid="open-full" target="_blank" rel="noopener"
                        href={full_playground_url(&session)}>{ t(lang, Text::OpenFull) }</a>
                }
            </header>
            <EmbedBridge session={session.clone()} />
            <NoticeBar lang={lang} notice={session.notice.clone().filter(|n| !n.kind.is_under_the_terminal())} earlier={session.earlier_notices.clone()} on_dismiss={on_action.reform(|_| Action::DismissNotice)} />
            <StorageNotice lang={lang} problem={(*storage_problem).clone()} on_dismiss={{
                let storage_problem = storage_problem.clone();
                Callback::from(move |_| storage_problem.set(None))
            }} />
            // The terminal comes first in the document (the keyboard reaches the prompt right
            // after the toolbar); style.css puts the graph first on screen.
            <main class={classes!("panes", (session.lesson.is_some() || *list_open).then_some("with-lesson"))}>
                <section class="pane side-pane">
                    <Terminal
                        lang={lang}
                        log={session.log.clone()}
                        revision={session.revision}
                        engine={session.engine.clone()}
                        awaiting_answer={session.engine.pending.is_some()}
                        prefill={(*prefill).clone()}
                        focus_on_load={focus_on_load}
                        preview_note={preview_note}
                        status={session.notice.as_ref().filter(|n| n.kind.is_under_the_terminal()).map(|n| t(lang, super::notice::text_of(n.kind)))}
                        held={(*held).clone()}
                        on_run={on_run.clone()}
                        on_input={on_input}
                        on_clear={on_action.reform(|_| Action::ClearLog)}
                    />
                    // An embed shows the terminal and the graph only: the rest is not built at all.
                    if !embed.embed {
                        <Tables lang={lang} engine={session.engine.clone()} revision={session.revision} />
                    }
                </section>
                // After the prompt for the keyboard; style.css puts it above both panes.
                if *welcome {
                    <Welcome lang={lang} on_try={on_try} on_lessons={{
                        let list_open = list_open.clone();
                        let welcome = welcome.clone();
                        Callback::from(move |_| {
                            list_open.set(true);
                            welcome.set(false);
                        })
                    }} on_dismiss={{
                        let welcome = welcome.clone();
                        Callback::from(move |_| welcome.set(false))
                    }} />
                }
                <section class="pane graph-pane" aria-label={t(lang, Text::Graph)}>
                    if let Some(script) = embed.script.clone() {
                        <NarrationBar
                            lang={lang}
                            script={script}
                            autoplay={embed.autoplay}
                            speed={embed.speed}
                            waiting={lesson_pending}
                            on_run={on_run.clone()}
                            on_hold={{
                                let held = held.clone();
                                Callback::from(move |text: Option<String>| held.set(text))
                            }}
                            on_restart={on_action.reform(|_| Action::Reset { now: platform::now_ns() })}
                        />
                    }
                    <Graph
                        lang={lang}
                        store={session.engine.store.clone()}
                        before={session.before_last.clone()}
                        generation={session.generation}
                        events={session.last_events.clone()}
                        preview={preview.clone()}
                        on_suggest={on_suggest}
                    />
                    // An embed shows the terminal and the graph only: the rest is not built at all.
                    if !embed.embed {
                        <TextTree lang={lang} store={session.engine.store.clone()} />
                    }
                </section>
                if *list_open {
                    <LessonList lang={lang} index={(*index).clone()} on_close={{
                        let list_open = list_open.clone();
                        Callback::from(move |_| list_open.set(false))
                    }} />
                } else if let Some(state) = &session.lesson {
                    <LessonPanel
                        lang={lang}
                        state={state.clone()}
                        goals={state.progress.goals(&state.lesson, &session.engine)}
                        bytes_freed={state.progress.bytes_freed(&state.lesson, &session.engine)}
                        on_action={on_action.clone()}
                        on_list={{
                            let list_open = list_open.clone();
                            Callback::from(move |_| list_open.set(true))
                        }}
                    />
                }
            </main>
            <div class="visually-hidden" aria-live="polite" data-testid="summary">{ announcement }</div>
        </div>
    }
}
