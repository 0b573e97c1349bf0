//! The query language for selecting articles, parsed into a small syntax tree.
//!
//! ```text
//! expr  := or
//! or    := and ( OR and )*
//! and   := unary ( [AND] unary )*          adjacent items are ANDed
//! unary := NOT unary | -unary | atom
//! atom  := ( expr ) | "a phrase" | word | prefix* | field:value | field:"a value"
//! ```
//!
//! Fields: `entity:` (an entity by name or any of its variants), `type:` (`PERSON`,
//! `ORGANIZATION`, `LOCATION`: articles naming any entity of that type), `title:`, and any metadata
//! field of structured records (`section:world`). Words match terms as the analysis counted them
//! (case-folded, stemmed if stemming is on); `econom*` matches every term starting with `econom`.
//! Operators are upper-case; lower-case `and`/`or`/`not` are ordinary words.

use std::fmt;

/// A parsed query, kept with the text it was parsed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub text: String,
    pub root: Node,
}

/// A node of the query tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Word(String),
    Prefix(String),
    Phrase(Vec<String>),
    Field { field: String, value: String },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

/// A query that could not be parsed, with the character position of the trouble.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at character {position})")]
pub struct QueryError {
    pub message: String,
    pub position: usize,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Word(String),
    Phrase(Vec<String>),
    Field(String, String),
}

fn err(message: impl Into<String>, position: usize) -> QueryError {
    QueryError {
        message: message.into(),
        position,
    }
}

/// Split a phrase or value into words the way the tokenizer does.
fn phrase_words(s: &str) -> Vec<String> {
    crate::text::words(s)
        .into_iter()
        .map(|t| s[t.start..t.end].to_owned())
        .collect()
}

fn read_quoted(chars: &[(usize, char)], i: &mut usize) -> Result<String, QueryError> {
    let open = chars[*i].0;
    *i += 1;
    let mut out = String::new();
    while *i < chars.len() {
        let c = chars[*i].1;
        *i += 1;
        if c == '"' {
            return Ok(out);
        }
        out.push(c);
    }
    Err(err("a quote is not closed", open))
}

fn lex(text: &str) -> Result<Vec<(usize, Tok)>, QueryError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((pos, Tok::Open));
                i += 1;
            }
            ')' => {
                out.push((pos, Tok::Close));
                i += 1;
            }
            '"' => {
                let q = read_quoted(&chars, &mut i)?;
                let words = phrase_words(&q);
                if words.is_empty() {
                    return Err(err("an empty phrase", pos));
                }
                out.push((pos, Tok::Phrase(words)));
            }
            // A leading `-` (as in `-tax`) means NOT; inside a word it is part of the word.
            '-' if chars.get(i + 1).is_some_and(|(_, c)| !c.is_whitespace()) => {
                out.push((pos, Tok::Not));
                i += 1;
            }
            _ => {
                let mut word = String::new();
                while i < chars.len() {
                    let c = chars[i].1;
                    if c.is_whitespace() || c == '(' || c == ')' || c == '"' {
                        break;
                    }
                    word.push(c);
                    i += 1;
                }
                if let Some(field) = word.strip_suffix(':') {
                    // `field:"quoted value"`
                    if i < chars.len() && chars[i].1 == '"' {
                        let v = read_quoted(&chars, &mut i)?;
                        if v.trim().is_empty() {
                            return Err(err(format!("'{word}' needs a value in the quotes"), pos));
                        }
                        out.push((pos, Tok::Field(field.to_lowercase(), v)));
                        continue;
                    }
                    return Err(err(format!("'{word}' needs a value after the colon"), pos));
                }
                let tok = match word.as_str() {
                    "AND" => Tok::And,
                    "OR" => Tok::Or,
                    "NOT" => Tok::Not,
                    _ => match word.split_once(':') {
                        Some((f, v)) if !f.is_empty() && !v.is_empty() => {
                            Tok::Field(f.to_lowercase(), v.to_owned())
                        }
                        _ => Tok::Word(word),
                    },
                };
                out.push((pos, tok));
            }
        }
    }
    Ok(out)
}

/// How deeply parentheses, `NOT` and `-` may nest: far beyond any query a person writes, and
/// far below what would overflow the stack (the parser, the evaluator and dropping the tree all
/// recurse once per level).
pub const MAX_DEPTH: usize = 256;

struct Parser {
    toks: Vec<(usize, Tok)>,
    i: usize,
    len: usize,
    /// Current nesting of parentheses and NOTs.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|(_, t)| t)
    }
    fn pos(&self) -> usize {
        self.toks.get(self.i).map_or(self.len, |(p, _)| *p)
    }
    fn or(&mut self) -> Result<Node, QueryError> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.i += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Node::Or(items)
        })
    }
    fn and(&mut self) -> Result<Node, QueryError> {
        let mut items = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.i += 1;
                    items.push(self.unary()?);
                }
                Some(Tok::Or | Tok::Close) | None => break,
                Some(_) => items.push(self.unary()?),
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Node::And(items)
        })
    }
    /// Enter one more level of nesting, or fail past [`MAX_DEPTH`].
    fn deeper(&mut self) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(err(
                format!("the query nests parentheses, NOT or '-' more than {MAX_DEPTH} deep"),
                self.pos(),
            ));
        }
        Ok(())
    }
    fn unary(&mut self) -> Result<Node, QueryError> {
        if self.peek() == Some(&Tok::Not) {
            self.i += 1;
            self.deeper()?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Node::Not(Box::new(inner)));
        }
        self.atom()
    }
    fn atom(&mut self) -> Result<Node, QueryError> {
        let pos = self.pos();
        let Some((_, tok)) = self.toks.get(self.i).cloned() else {
            return Err(err("the query ends where a word was expected", pos));
        };
        self.i += 1;
        match tok {
            Tok::Open => {
                self.deeper()?;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::Close) {
                    return Err(err("a parenthesis is not closed", pos));
                }
                self.i += 1;
                Ok(inner)
            }
            Tok::Close => Err(err("unexpected ')'", pos)),
            Tok::And | Tok::Or => Err(err("AND/OR needs a word on both sides", pos)),
            Tok::Not => Err(err("NOT needs a word after it", pos)),
            Tok::Phrase(words) if words.len() == 1 => Ok(Node::Word(words[0].clone())),
            Tok::Phrase(words) => Ok(Node::Phrase(words)),
            Tok::Field(field, value) => Ok(Node::Field { field, value }),
            Tok::Word(w) => {
                if let Some(prefix) = w.strip_suffix('*') {
                    if prefix.is_empty() {
                        return Err(err("'*' needs letters before it", pos));
                    }
                    return Ok(Node::Prefix(prefix.to_owned()));
                }
                let words = phrase_words(&w);
                match words.len() {
                    0 => Err(err(format!("'{w}' holds no word"), pos)),
                    1 => Ok(Node::Word(words[0].clone())),
                    _ => Ok(Node::Phrase(words)),
                }
            }
        }
    }
}

impl Query {
    /// Parse a query; an empty or blank text is an error (callers treat "no query" as `None`).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let toks = lex(text)?;
        if toks.is_empty() {
            return Err(err("the query is empty", 0));
        }
        let mut p = Parser {
            toks,
            i: 0,
            len: text.len(),
            depth: 0,
        };
        let root = p.or()?;
        if p.i < p.toks.len() {
            return Err(err("unexpected ')'", p.pos()));
        }
        Ok(Query {
            text: text.trim().to_owned(),
            root,
        })
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Node {
        Node::Word(s.to_owned())
    }

    #[test]
    fn precedence_and_implicit_and() {
        let q = Query::parse("iran OR iraq war NOT (peace OR treaty)").expect("parses");
        assert_eq!(
            q.root,
            Node::Or(vec![
                w("iran"),
                Node::And(vec![
                    w("iraq"),
                    w("war"),
                    Node::Not(Box::new(Node::Or(vec![w("peace"), w("treaty")]))),
                ]),
            ])
        );
    }

    #[test]
    fn phrases_fields_prefix_and_minus() {
        let q = Query::parse(r#""United States" entity:"Antony Blinken" type:PERSON econ* -tax"#)
            .expect("parses");
        assert_eq!(
            q.root,
            Node::And(vec![
                Node::Phrase(vec!["United".into(), "States".into()]),
                Node::Field {
                    field: "entity".into(),
                    value: "Antony Blinken".into()
                },
                Node::Field {
                    field: "type".into(),
                    value: "PERSON".into()
                },
                Node::Prefix("econ".into()),
                Node::Not(Box::new(w("tax"))),
            ])
        );
    }

    #[test]
    fn bad_queries_say_where() {
        assert_eq!(
            Query::parse("(iran OR iraq").expect_err("unclosed").message,
            "a parenthesis is not closed"
        );
        assert_eq!(Query::parse("iran OR").expect_err("dangling").position, 7);
        assert!(Query::parse("\"open quote").is_err());
        assert!(Query::parse("iran)").is_err());
        assert!(Query::parse("   ").is_err());
        assert!(Query::parse("entity:").is_err());
        assert!(Query::parse("AND iran").is_err());
    }

    #[test]
    fn nesting_is_limited_with_an_error_not_a_crash() {
        let ok = format!("{}war{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(Query::parse(&ok).is_ok());
        for deep in [
            format!("{}war{}", "(".repeat(10_000), ")".repeat(10_000)),
            format!("{}war", "NOT ".repeat(30_000)),
            format!("{}war", "-".repeat(100_000)),
        ] {
            let e = Query::parse(&deep).expect_err("too deep");
            assert!(e.message.contains("more than 256 deep"), "{e}");
        }
    }

    #[test]
    fn an_empty_quoted_field_value_is_an_error_like_a_missing_one() {
        assert!(Query::parse("entity:").is_err());
        let e = Query::parse("entity:\"\"").expect_err("empty value");
        assert!(e.message.contains("needs a value"), "{e}");
        assert!(Query::parse("entity:\" \"").is_err());
        assert!(Query::parse("entity:\"Antony Blinken\"").is_ok());
    }
}
