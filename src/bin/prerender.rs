//! `cargo run --features ssr --bin prerender -- dist/index.html`: writes the page's first view
//! into the built `index.html`, so that it paints before the wasm arrives (Trunk's post_build
//! hook runs it, `scripts/post-build.sh`). The view is the app itself, rendered natively by
//! yew's server renderer as a new reader first sees it (see `components::platform`); the app
//! replaces it when it starts. Then the page's Content-Security-Policy is written from the
//! document's inline `<style>` and `<script>` elements as they are, by their SHA-256 hashes.

use std::process::ExitCode;

use base64::Engine as _;
use rmi_playground::components::{platform, App};
use sha2::{Digest, Sha256};

/// Where the rendered view goes (the end of the body: after the `<noscript>` note, which then
/// shows above the view when scripts are off), and where the policy goes.
const BODY_CLOSE: &str = "</body>";
const HEAD_CLOSE: &str = "</head>";
/// What `trunk serve`'s live-reload script holds until the server fills it in.
const TRUNK_SERVE_PLACEHOLDER: &str = "{{__TRUNK_ADDRESS__}}";

fn render() -> String {
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a tokio runtime");
    // Not hydratable: the app mounts its own view and removes this one (same geometry).
    runtime.block_on(yew::ServerRenderer::<App>::new().hydratable(false).render())
}

/// The text of every inline element `tag` (without a `src`), exactly as the browser hashes it.
fn inline_contents<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(tag_end) = after.find('>') else { break };
        let attributes = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(end) = body.find(&close) else { break };
        if !attributes.contains("src=") && (attributes.is_empty() || attributes.starts_with(char::is_whitespace)) {
            found.push(&body[..end]);
        }
        rest = &body[end + close.len()..];
    }
    found
}

fn hash_source(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())))
}

/// The policy: scripts and styles from the page's own origin or inline with these exact hashes
/// (never 'unsafe-inline'); wasm compiled from its bytes; lesson files from the page's origin or
/// any https address (`?lesson-url=`).
fn policy(html: &str) -> String {
    let hashes = |tag| inline_contents(html, tag).into_iter().map(hash_source).collect::<Vec<_>>().join(" ");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self' {}; img-src 'self' data:; \
         connect-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'none'",
        hashes("script"),
        hashes("style")
    )
}

fn prerender(html: &str, view: &str) -> Result<String, String> {
    if !view.contains(&format!("id=\"{}\"", platform::PRERENDERED_ID)) {
        return Err("the view's root has no id for the head to wait for".into());
    }
    if html.contains(&format!("{}=", platform::PRERENDERED_ATTRIBUTE))
        || html.contains("http-equiv=\"Content-Security-Policy\"")
    {
        return Err("already pre-rendered".into());
    }
    let body = html.rfind(BODY_CLOSE).ok_or("no </body>")?;
    let with_view = format!("{}{view}\n{}", &html[..body], &html[body..]);
    // The policy covers the head's inline elements (the critical style, Trunk's loader); the
    // view itself has neither scripts nor style attributes.
    if inline_contents(view, "script").len() + inline_contents(view, "style").len() > 0 || view.contains(" style=") {
        return Err("the pre-rendered view has inline scripts or styles".into());
    }
    let head = with_view.find(HEAD_CLOSE).ok_or("no </head>")?;
    // A parser that yields half-way (a busy machine, a slow network) must not paint half the
    // view: the stylesheet keeps the view hidden until its last element is parsed (a `:has()`
    // rule, static/style.css). A render-blocking `<link rel="expect">` did the same and cost
    // every first paint ~30 ms on loopback, so the rule alone does it.
    // `trunk serve` writes its address into its live-reload script as it serves the page, so no
    // hash can be known now: the development server's page goes without the policy.
    let meta = if with_view.contains(TRUNK_SERVE_PLACEHOLDER) {
        String::new()
    } else {
        format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />\n", policy(&with_view))
    };
    // The policy must come before the elements it covers: right after <meta charset>.
    let charset = with_view.find("<meta charset").ok_or("no <meta charset>")?;
    let charset_end = charset + with_view[charset..].find('>').ok_or("unclosed <meta charset>")? + 1;
    if charset_end > head {
        return Err("<meta charset> is not in the head".into());
    }
    Ok(format!("{}\n    {meta}{}", &with_view[..charset_end], &with_view[charset_end..]))
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: prerender INDEX_HTML");
        return ExitCode::from(2);
    };
    let result = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read: {e}"))
        .and_then(|html| prerender(&html, &render()))
        .and_then(|html| std::fs::write(&path, html).map_err(|e| format!("cannot write: {e}")));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("prerender: {path}: {why}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_elements_are_found_and_external_ones_skipped() {
        let html = "<style>a{}</style><script type=\"module\">x()</script><script src=\"a.js\"></script><stylesheet>";
        assert_eq!(inline_contents(html, "style"), vec!["a{}"]);
        assert_eq!(inline_contents(html, "script"), vec!["x()"]);
    }

    #[test]
    fn the_policy_hashes_the_exact_text() {
        // echo -n 'a{}' | openssl dgst -sha256 -binary | base64
        assert_eq!(hash_source("a{}"), "'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='");
    }

    #[test]
    fn the_view_goes_at_the_end_of_the_body_and_the_policy_after_the_charset() {
        let html = "<html><head><meta charset=\"utf-8\" /><style>a{}</style></head><body>\n<noscript>n</noscript></body></html>";
        let view = "<div id=\"first-view\" data-prerendered=\"true\">v</div>";
        let out = prerender(html, view).unwrap();
        assert!(out.contains(&format!("<noscript>n</noscript>{view}\n</body>")), "{out}");
        assert!(!out.contains("blocking=\"render\""), "nothing blocks the first paint but the HTML: {out}");
        let csp = out.find("Content-Security-Policy").unwrap();
        assert!(out.find("<meta charset").unwrap() < csp && csp < out.find("<style>").unwrap());
        assert!(!out.contains("unsafe-inline"));
        assert!(prerender(&out, view).is_err(), "a second run must refuse");
        assert!(prerender(html, "<div>v</div>").is_err(), "a view without the id must be refused");
    }

    #[test]
    fn the_development_server_page_has_no_policy_its_live_reload_would_break() {
        let html = "<html><head><meta charset=\"utf-8\" /></head><body><script>a('{{__TRUNK_ADDRESS__}}')</script></body></html>";
        let out = prerender(html, "<div id=\"first-view\" data-prerendered=\"true\">v</div>").unwrap();
        assert!(!out.contains("Content-Security-Policy"), "{out}");
    }
}
