//! The shell language's lexer: words with their quoting and `$(…)`/backtick substitutions, and
//! the operators between them. A leaf module: the prompt's shell (`shell/`) and the `sh -c` of
//! programs inside containers (`daemon/programs.rs`) read scripts with the same rules.

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text { text: String, quoted: bool },
    Substitution { inner: String, quoted: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Word(Vec<Part>),
    Op(&'static str),
    /// A redirection operator (`>`, `>>`, `<`, `>&`, `<&`, `&>`, `&>>`) and the file descriptor
    /// written right before it (`2>`); its target is the next word.
    Redirect {
        fd: Option<u32>,
        op: &'static str,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    UnmatchedQuote(char),
    UnexpectedToken(String),
}

impl SyntaxError {
    pub fn lines(&self) -> Vec<String> {
        match self {
            SyntaxError::UnmatchedQuote(q) => {
                vec![
                    format!("bash: unexpected EOF while looking for matching `{q}'"),
                    "bash: syntax error: unexpected end of file".to_string(),
                ]
            }
            SyntaxError::UnexpectedToken(t) => {
                vec![format!("bash: syntax error near unexpected token `{t}'")]
            }
        }
    }
}

/// Finds the `)` closing a `$(` whose body starts at `chars[start]`.
fn matching_paren(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 1;
    let mut i = start;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == '\\' => i += 1,
            Some(_) => {}
            None => match c {
                '\\' => i += 1,
                '\'' | '"' => quote = Some(c),
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

pub fn tokenize(line: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = line.chars().collect();
    let mut tokens = Vec::new();
    let mut parts: Vec<Part> = Vec::new();
    let mut text = String::new();
    let mut in_word = false;
    let mut i = 0;
    let flush_text = |parts: &mut Vec<Part>, text: &mut String, quoted: bool| {
        if !text.is_empty() || quoted {
            parts.push(Part::Text { text: std::mem::take(text), quoted });
        }
    };
    let end_word = |tokens: &mut Vec<Token>, parts: &mut Vec<Part>, text: &mut String, in_word: &mut bool| {
        if !text.is_empty() {
            parts.push(Part::Text { text: std::mem::take(text), quoted: false });
        }
        if *in_word {
            tokens.push(Token::Word(std::mem::take(parts)));
        }
        *in_word = false;
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => end_word(&mut tokens, &mut parts, &mut text, &mut in_word),
            '#' if !in_word => break,
            '&' if chars.get(i + 1) == Some(&'>') => {
                end_word(&mut tokens, &mut parts, &mut text, &mut in_word);
                let append = chars.get(i + 2) == Some(&'>');
                i += if append { 2 } else { 1 };
                tokens.push(Token::Redirect { fd: None, op: if append { "&>>" } else { "&>" } });
            }
            '>' | '<' => {
                // `2>`: digits alone, unquoted and touching the operator, name the descriptor.
                let fd = if in_word && parts.is_empty() && !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
                {
                    let fd = text.parse::<u32>().ok();
                    text.clear();
                    in_word = false;
                    fd
                } else {
                    end_word(&mut tokens, &mut parts, &mut text, &mut in_word);
                    None
                };
                let op = match (c, chars.get(i + 1)) {
                    ('>', Some('>')) => ">>",
                    ('>', Some('&')) => ">&",
                    ('<', Some('&')) => "<&",
                    ('>', _) => ">",
                    _ => "<",
                };
                i += op.len() - 1;
                tokens.push(Token::Redirect { fd, op });
            }
            ';' | '|' | '&' => {
                end_word(&mut tokens, &mut parts, &mut text, &mut in_word);
                let next = chars.get(i + 1).copied();
                let op = match (c, next) {
                    ('&', Some('&')) => {
                        i += 1;
                        "&&"
                    }
                    ('|', Some('|')) => {
                        i += 1;
                        "||"
                    }
                    (';', _) => ";",
                    ('|', _) => "|",
                    _ => "&",
                };
                tokens.push(Token::Op(op));
            }
            '\\' => {
                in_word = true;
                match chars.get(i + 1) {
                    Some('\n') => {}
                    Some(&next) => text.push(next),
                    None => {}
                }
                i += 1;
            }
            '\'' => {
                in_word = true;
                flush_text(&mut parts, &mut text, false);
                let close = chars[i + 1..].iter().position(|&x| x == '\'').ok_or(SyntaxError::UnmatchedQuote('\''))?;
                let literal: String = chars[i + 1..i + 1 + close].iter().collect();
                parts.push(Part::Text { text: literal, quoted: true });
                i += close + 1;
            }
            '"' => {
                in_word = true;
                flush_text(&mut parts, &mut text, false);
                let mut j = i + 1;
                let mut buf = String::new();
                let mut closed = false;
                let mut any = false;
                while j < chars.len() {
                    match chars[j] {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' if matches!(chars.get(j + 1), Some('"' | '\\' | '$' | '`')) => {
                            buf.push(chars[j + 1]);
                            j += 1;
                        }
                        '$' if chars.get(j + 1) == Some(&'(') => {
                            let close = matching_paren(&chars, j + 2).ok_or(SyntaxError::UnmatchedQuote('"'))?;
                            parts.push(Part::Text { text: std::mem::take(&mut buf), quoted: true });
                            parts
                                .push(Part::Substitution { inner: chars[j + 2..close].iter().collect(), quoted: true });
                            any = true;
                            j = close;
                        }
                        '`' => {
                            let close = chars[j + 1..]
                                .iter()
                                .position(|&x| x == '`')
                                .ok_or(SyntaxError::UnmatchedQuote('`'))?;
                            parts.push(Part::Text { text: std::mem::take(&mut buf), quoted: true });
                            parts.push(Part::Substitution {
                                inner: chars[j + 1..j + 1 + close].iter().collect(),
                                quoted: true,
                            });
                            any = true;
                            j += close + 1;
                        }
                        other => buf.push(other),
                    }
                    j += 1;
                }
                if !closed {
                    return Err(SyntaxError::UnmatchedQuote('"'));
                }
                if !buf.is_empty() || !any {
                    parts.push(Part::Text { text: buf, quoted: true });
                }
                i = j;
            }
            '$' if chars.get(i + 1) == Some(&'(') => {
                in_word = true;
                flush_text(&mut parts, &mut text, false);
                let close = matching_paren(&chars, i + 2).ok_or(SyntaxError::UnmatchedQuote('('))?;
                parts.push(Part::Substitution { inner: chars[i + 2..close].iter().collect(), quoted: false });
                i = close;
            }
            '`' => {
                in_word = true;
                flush_text(&mut parts, &mut text, false);
                let close = chars[i + 1..].iter().position(|&x| x == '`').ok_or(SyntaxError::UnmatchedQuote('`'))?;
                parts.push(Part::Substitution { inner: chars[i + 1..i + 1 + close].iter().collect(), quoted: false });
                i += close + 1;
            }
            other => {
                in_word = true;
                text.push(other);
            }
        }
        i += 1;
    }
    end_word(&mut tokens, &mut parts, &mut text, &mut in_word);
    Ok(tokens)
}

/// A word as text, with substitutions left unexpanded (xargs input and `sh -c` scripts are
/// not expanded by this shell).
pub fn literal_word(parts: Vec<Part>) -> String {
    parts
        .into_iter()
        .map(|p| match p {
            Part::Text { text, .. } => text,
            Part::Substitution { inner, .. } => format!("$({inner})"),
        })
        .collect()
}

/// Splits a `sh -c` script into simple commands with the connector before each. Redirections
/// are dropped with their targets: what a program in a container prints goes to its log, which
/// the model does not keep apart by stream.
pub fn split_script(script: &str) -> Vec<(Vec<String>, &'static str)> {
    let Ok(tokens) = tokenize(script) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut connector = ";";
    let mut redirect_target = false;
    for token in tokens {
        match token {
            Token::Redirect { .. } => redirect_target = true,
            Token::Word(_) if std::mem::take(&mut redirect_target) => {}
            Token::Word(parts) => words.push(literal_word(parts)),
            Token::Op(op) => {
                if !words.is_empty() {
                    out.push((std::mem::take(&mut words), connector));
                }
                connector = op;
            }
        }
    }
    if !words.is_empty() {
        out.push((words, connector));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        split_script(line).into_iter().flat_map(|(w, _)| w).collect()
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(words(r#"echo 'a b' "c d" e\ f"#), ["echo", "a b", "c d", "e f"]);
        assert_eq!(words(r#"echo "" x"#), ["echo", "", "x"]);
        assert_eq!(words("echo hi # comment"), ["echo", "hi"]);
        assert_eq!(tokenize("echo 'oops").unwrap_err(), SyntaxError::UnmatchedQuote('\''));
    }

    #[test]
    fn operators_split_commands() {
        let parts = split_script("touch /a && echo ok; false || true");
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[1].1, "&&");
        assert_eq!(parts[3].1, "||");
    }

    #[test]
    fn redirections_name_their_descriptor_only_when_touching_it() {
        let redirect = |fd, op| Token::Redirect { fd, op };
        let tokens = tokenize("a 2>&1 >/dev/null 2>>x &>y 3<z").expect("lexes");
        assert_eq!(tokens[1], redirect(Some(2), ">&"));
        assert!(matches!(&tokens[2], Token::Word(p) if literal_word(p.clone()) == "1"));
        assert_eq!(tokens[3], redirect(None, ">"));
        assert_eq!(tokens[5], redirect(Some(2), ">>"));
        assert_eq!(tokens[7], redirect(None, "&>"));
        assert_eq!(tokens[9], redirect(Some(3), "<"));
        // `a2>x` and `'2'>x` redirect stdout of a command with the word `a2` / `2`.
        assert!(matches!(&tokenize("a2>x").expect("lexes")[1], Token::Redirect { fd: None, .. }));
        assert!(matches!(&tokenize("echo '2'>x").expect("lexes")[2], Token::Redirect { fd: None, .. }));
        assert_eq!(words("echo hi >/dev/null 2>&1; echo there"), ["echo", "hi", "echo", "there"]);
    }
}
