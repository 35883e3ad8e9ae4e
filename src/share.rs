//! Share links: a session as a short, versioned text that reopens it exactly. What travels is
//! where the session started (scenario or lesson, seed, clock) and what the reader did, in
//! order, with the time of each command, so a replay gives back the same state, terminal and
//! times. The text is `v1.` and the steps as compact JSON, zlib-compressed (miniz_oxide; its
//! Adler-32 checksum tells a damaged link from another session) and written in URL-safe base64
//! without padding (base64). Anything else, or a damaged, truncated or
//! future-version text, is refused with a reason, never a panic.

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// The version this build writes and reads; a link of a later version is refused by name.
pub const LINK_VERSION: u32 = 1;

/// Reads what `URL_SAFE_NO_PAD` writes, and also a text cut anywhere: its last partial
/// character's spare bits are ignored, so a cut link reaches the inflater, which can tell that
/// the stream stopped early.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// A decoded link never inflates past this (a crafted link cannot make the page allocate more).
const MAX_INFLATED: usize = 256 * 1024;

/// Where a shared session starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Start {
    #[serde(rename = "s")]
    Scenario(String),
    #[serde(rename = "l")]
    Lesson { id: String, variant: u32 },
}

/// One thing the reader did. Times are milliseconds after the session's start, so a replay
/// gives every command the clock it first ran with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    #[serde(rename = "r")]
    Run(u64, String),
    #[serde(rename = "u")]
    Undo,
    #[serde(rename = "d")]
    Redo,
    /// `clear` (the terminal emptied; also what `clear` typed does).
    #[serde(rename = "c")]
    Clear,
    /// In a lesson: the current step from its start ("reset"), at that time.
    #[serde(rename = "x")]
    RestartStep(u64),
    /// In a lesson: "show solution" at that time (its commands follow as runs).
    #[serde(rename = "o")]
    ShowSolution(u64),
    /// In a lesson: "restart lesson" at that time.
    #[serde(rename = "l")]
    RestartLesson(u64),
    /// The lesson closed; the sandbox goes on with its daemon.
    #[serde(rename = "q")]
    CloseLesson,
    /// A line typed that did nothing (`undo` with nothing to undo): shown, not run.
    #[serde(rename = "p")]
    Shown(String),
    /// Another scenario chosen at that time (an undo step: the session goes on). Links made
    /// before it existed never hold it, so they read as before.
    #[serde(rename = "n")]
    Scenario(u64, String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedSession {
    #[serde(rename = "a")]
    pub start: Start,
    #[serde(rename = "e")]
    pub seed: u64,
    /// The session's clock at its start, in milliseconds since the epoch.
    #[serde(rename = "t")]
    pub started_ms: i64,
    #[serde(rename = "s")]
    pub steps: Vec<Step>,
}

/// Why a link cannot be opened; the page words each for the reader.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("this link is not a playground session")]
    NotALink,
    #[error("this link was made by a newer playground (version {0}); this one reads version {LINK_VERSION}")]
    FutureVersion(u32),
    #[error("this link is damaged: {0}")]
    Damaged(String),
    #[error("this link is cut short: it was probably truncated when it was copied")]
    Truncated,
}

/// The link text for a session.
pub fn encode(session: &SharedSession) -> String {
    // Plain data with string keys: serialising it cannot fail.
    let json = serde_json::to_vec(session).unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec_zlib(&json, 10);
    format!("v{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// A session from its link text.
pub fn decode(text: &str) -> Result<SharedSession, LinkError> {
    let (version, payload) = text.trim().split_once('.').ok_or(LinkError::NotALink)?;
    let version: u32 = version.strip_prefix('v').and_then(|v| v.parse().ok()).ok_or(LinkError::NotALink)?;
    if version > LINK_VERSION {
        return Err(LinkError::FutureVersion(version));
    }
    if version != LINK_VERSION {
        return Err(LinkError::NotALink);
    }
    if !payload.is_ascii() {
        return Err(LinkError::Damaged("characters that base64 does not use".to_string()));
    }
    // One character past a multiple of four holds no whole byte: what a cut leaves.
    let payload = if payload.len() % 4 == 1 { &payload[..payload.len() - 1] } else { payload };
    let deflated = LENIENT.decode(payload).map_err(|e| LinkError::Damaged(e.to_string()))?;
    let json = inflate(&deflated)?;
    serde_json::from_slice(&json).map_err(|e| LinkError::Damaged(e.to_string()))
}

/// The zlib stream inflated, checked (Adler-32) and used up: bytes after its end mean the link
/// was altered, not that it holds a shorter session.
fn inflate(deflated: &[u8]) -> Result<Vec<u8>, LinkError> {
    use miniz_oxide::inflate::core::inflate_flags::{
        TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    };
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let mut out = vec![0; MAX_INFLATED];
    let mut state = DecompressorOxide::new();
    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, read, written) = decompress(&mut state, deflated, &mut out, 0, flags);
    match status {
        TINFLStatus::Done if read == deflated.len() => {
            out.truncate(written);
            Ok(out)
        }
        TINFLStatus::Done => Err(LinkError::Damaged("it has bytes after its end".to_string())),
        // The stream stopped before its end: the usual mark of a link cut when copied.
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => Err(LinkError::Truncated),
        TINFLStatus::HasMoreOutput => Err(LinkError::Damaged("it holds more than a session can".to_string())),
        TINFLStatus::Adler32Mismatch => Err(LinkError::Damaged("its checksum does not match".to_string())),
        _ => Err(LinkError::Damaged("it is not compressed data".to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_story() -> SharedSession {
        let lines = [
            "docker images",
            "docker rmi myubuntu:latest",
            "docker rmi ubuntu:14.04",
            "docker images",
            "docker rmi 2fa927b5cdd3",
            "docker run ubuntu:14.04 echo 'hello! I am here!'",
            "docker rmi ubuntu:14.04",
            "docker ps -a",
            "docker rm a21c0840213e",
            "docker rmi ubuntu:14.04",
            "undo",
            "docker rmi -f ubuntu:14.04",
            "docker images -a",
            "docker rm a21c0840213e",
            "docker images",
        ];
        let mut steps: Vec<Step> =
            lines.iter().enumerate().map(|(i, line)| Step::Run(4_000 * i as u64 + 137, line.to_string())).collect();
        steps.push(Step::Undo);
        steps.push(Step::Redo);
        SharedSession {
            start: Start::Scenario("rmi-tutorial".into()),
            seed: 0x5EED_0D0C,
            started_ms: 1_767_225_600_000,
            steps,
        }
    }

    #[test]
    fn the_book_story_fits_well_under_a_thousand_characters() {
        let link = encode(&book_story());
        assert!(link.len() < 1_000, "{} characters", link.len());
        assert!(link.starts_with("v1."));
        assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "URL-safe: {link}");
        assert_eq!(decode(&link), Ok(book_story()));
    }

    #[test]
    fn lessons_and_empty_sessions_round_trip() {
        let lesson = SharedSession {
            start: Start::Lesson { id: "book-rmi".into(), variant: 3 },
            seed: u64::MAX,
            started_ms: -1,
            steps: Vec::new(),
        };
        assert_eq!(decode(&encode(&lesson)), Ok(lesson));
    }

    #[test]
    fn damaged_truncated_and_future_links_say_why() {
        let link = encode(&book_story());
        // Cut anywhere after the version, a link says it was cut.
        for end in 4..link.len() {
            assert_eq!(decode(&link[..end]), Err(LinkError::Truncated), "cut at {end}");
        }
        assert_eq!(decode("v2.AAAA"), Err(LinkError::FutureVersion(2)));
        assert_eq!(decode("v17.whatever"), Err(LinkError::FutureVersion(17)));
        assert_eq!(decode(""), Err(LinkError::NotALink));
        assert_eq!(decode("hello"), Err(LinkError::NotALink));
        assert_eq!(decode("x1.AAAA"), Err(LinkError::NotALink));
        assert_eq!(decode("v0.AAAA"), Err(LinkError::NotALink));
        assert!(matches!(decode("v1.***"), Err(LinkError::Damaged(_))));
        assert!(matches!(decode("v1.AAAA"), Err(LinkError::Damaged(_) | LinkError::Truncated)));
        // Valid deflate of something that is not a session.
        let not_a_session = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(b"[1,2,3]", 10));
        assert!(matches!(decode(&format!("v1.{not_a_session}")), Err(LinkError::Damaged(_))));
        // Any one character changed, or bytes added at the end, is refused, never read as
        // another session (a change in the last character's spare bits reads as the same one).
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for at in 3..link.len() {
            for &c in alphabet {
                if c == link.as_bytes()[at] {
                    continue;
                }
                let mut changed = link.clone().into_bytes();
                changed[at] = c;
                let changed = String::from_utf8(changed).unwrap();
                match decode(&changed) {
                    Err(_) => {}
                    Ok(session) => assert_eq!(session, book_story(), "{changed} read as another session"),
                }
            }
        }
        assert!(decode(&format!("{link}AAAA")).is_err());
        // A payload that inflates past the limit is refused, not allocated.
        let bomb =
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 4 * MAX_INFLATED], 10));
        assert!(matches!(decode(&format!("v1.{bomb}")), Err(LinkError::Damaged(_))));
    }

    // proptest is a native dev-dependency: these run with the native tests.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_step() -> impl Strategy<Value = Step> {
            prop_oneof![
                (any::<u64>(), any::<String>()).prop_map(|(at, line)| Step::Run(at, line)),
                Just(Step::Undo),
                Just(Step::Redo),
                Just(Step::Clear),
                any::<u64>().prop_map(Step::RestartStep),
                any::<u64>().prop_map(Step::ShowSolution),
                any::<u64>().prop_map(Step::RestartLesson),
                Just(Step::CloseLesson),
                any::<String>().prop_map(Step::Shown),
                (any::<u64>(), any::<String>()).prop_map(|(at, name)| Step::Scenario(at, name)),
            ]
        }

        fn any_start() -> impl Strategy<Value = Start> {
            prop_oneof![
                any::<String>().prop_map(Start::Scenario),
                (any::<String>(), any::<u32>()).prop_map(|(id, variant)| Start::Lesson { id, variant }),
            ]
        }

        proptest! {
            /// Any session, with any text in its commands (quotes, `$(`, control and
            /// non-ASCII characters), comes back exactly from its link.
            #[test]
            fn links_round_trip(
                start in any_start(),
                seed in any::<u64>(),
                started_ms in any::<i64>(),
                steps in proptest::collection::vec(any_step(), 0..40),
            ) {
                let session = SharedSession { start, seed, started_ms, steps };
                prop_assert_eq!(decode(&encode(&session)), Ok(session));
            }

            /// Whatever text arrives as a link is refused or read, never a panic.
            #[test]
            fn arbitrary_text_never_panics(text in any::<String>()) {
                let _ = decode(&text);
                let _ = decode(&format!("v1.{text}"));
            }
        }
    }
}
