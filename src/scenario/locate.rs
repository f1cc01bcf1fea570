//! Finds the line of a field, given its path, in the scenario's TOML text,
//! so that validation errors can point at the line to fix.

use toml_edit::{Array, ArrayOfTables, ImDocument, InlineTable, Item, Table, Value};

/// One step of a field path: a key or an array index.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    /// A table key.
    Key(String),
    /// An array (or array-of-tables) index.
    Index(usize),
}

/// Renders a path as `a.b[2].c`.
pub fn render(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if s.is_empty() => s.push_str(k),
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[derive(Clone, Copy)]
enum Node<'a> {
    Table(&'a Table),
    Inline(&'a InlineTable),
    Array(&'a Array),
    Tables(&'a ArrayOfTables),
    Leaf,
}

fn of_item(item: &Item) -> Node<'_> {
    match item {
        Item::Table(t) => Node::Table(t),
        Item::ArrayOfTables(a) => Node::Tables(a),
        Item::Value(v) => of_value(v),
        Item::None => Node::Leaf,
    }
}

fn of_value(value: &Value) -> Node<'_> {
    match value {
        Value::InlineTable(t) => Node::Inline(t),
        Value::Array(a) => Node::Array(a),
        _ => Node::Leaf,
    }
}

/// The 1-based line where the deepest existing part of `path` is written.
pub fn locate(text: &str, path: &[Seg]) -> Option<usize> {
    let doc = ImDocument::parse(text.to_owned()).ok()?;
    let mut node = Node::Table(doc.as_table());
    let mut best: Option<usize> = None;
    for seg in path {
        let (next, span) = match (node, seg) {
            (Node::Table(t), Seg::Key(k)) => match t.get_key_value(k) {
                Some((key, item)) => (of_item(item), key.span().or_else(|| item.span())),
                None => break,
            },
            (Node::Inline(t), Seg::Key(k)) => match t.get_key_value(k) {
                Some((key, value)) => (of_item(value), key.span().or_else(|| value.span())),
                None => break,
            },
            (Node::Tables(a), Seg::Index(i)) => match a.get(*i) {
                Some(t) => (Node::Table(t), t.span()),
                None => break,
            },
            (Node::Array(a), Seg::Index(i)) => match a.get(*i) {
                Some(v) => (of_value(v), v.span()),
                None => break,
            },
            _ => break,
        };
        if let Some(span) = span {
            best = Some(line_of(text, span.start));
        }
        node = next;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lines_of_nested_fields() {
        let text = "a = 1\n[b]\nc = { d = 2 }\n[[e]]\nf = 1\n[[e]]\nf = [1,\n 2]\n";
        let k = |s: &str| Seg::Key(s.into());
        assert_eq!(locate(text, &[k("a")]), Some(1));
        assert_eq!(locate(text, &[k("b"), k("c"), k("d")]), Some(3));
        assert_eq!(locate(text, &[k("e"), Seg::Index(1), k("f"), Seg::Index(1)]), Some(8));
        assert_eq!(locate(text, &[k("e"), Seg::Index(1), k("zzz")]), Some(6));
        assert_eq!(render(&[k("e"), Seg::Index(1), k("f")]), "e[1].f");
    }
}
