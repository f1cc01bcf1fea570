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

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The 1-based column (in characters) of byte `offset` in `text`.
pub fn column_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    String::from_utf8_lossy(&before[start..]).chars().count() + 1
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

/// The path of the deepest field whose key and value, as written in
/// `text`, hold the whole byte range `at`: for errors that know a place but
/// not a field.
pub fn path_at(text: &str, at: std::ops::Range<usize>) -> Option<Vec<Seg>> {
    let doc = ImDocument::parse(text.to_owned()).ok()?;
    if doc.as_table().span() == Some(at.clone()) {
        // The top level itself, e.g. a section missing from the file.
        return None;
    }
    let mut best = Vec::new();
    search(Node::Table(doc.as_table()), &at, &mut Vec::new(), &mut best);
    (!best.is_empty()).then_some(best)
}

type Span = std::ops::Range<usize>;

/// Whether the text from `first` to `last` (either may be unknown) holds
/// all of `at`.
fn covers(first: Option<Span>, last: Option<Span>, at: &Span) -> bool {
    let (start, end) = match (first, last) {
        (Some(a), Some(b)) => (a.start.min(b.start), b.end.max(a.end)),
        (Some(a), None) | (None, Some(a)) => (a.start, a.end),
        (None, None) => return false,
    };
    start <= at.start && at.end <= end.max(at.start + 1)
}

/// Visits the children of `node`, keeping in `best` the deepest path whose
/// key and value cover `at`. Tables are not contiguous in the text, so
/// they are always entered.
fn search(node: Node, at: &Span, path: &mut Vec<Seg>, best: &mut Vec<Seg>) {
    let mut visit = |seg: Seg, here: bool, child: Node, always: bool, path: &mut Vec<Seg>| {
        path.push(seg);
        // Deepest wins; of siblings, the later (its span starts nearer).
        if here && path.len() >= best.len() {
            *best = path.clone();
        }
        if here || always {
            search(child, at, path, best);
        }
        path.pop();
    };
    match node {
        Node::Table(t) => {
            for (k, _) in t.iter() {
                let Some((key, item)) = t.get_key_value(k) else { continue };
                let table = matches!(item, Item::Table(_) | Item::ArrayOfTables(_));
                let here = covers(key.span(), item.span(), at) && !matches!(item, Item::ArrayOfTables(_));
                visit(Seg::Key(k.to_string()), here, of_item(item), table, path);
            }
        }
        Node::Inline(t) => {
            for (k, _) in t.iter() {
                let Some((key, item)) = t.get_key_value(k) else { continue };
                visit(Seg::Key(k.to_string()), covers(key.span(), item.span(), at), of_item(item), false, path);
            }
        }
        Node::Tables(a) => {
            for (i, t) in a.iter().enumerate() {
                visit(Seg::Index(i), covers(t.span(), None, at), Node::Table(t), true, path);
            }
        }
        Node::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                visit(Seg::Index(i), covers(v.span(), None, at), of_value(v), false, path);
            }
        }
        Node::Leaf => {}
    }
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

    #[test]
    fn finds_the_field_at_an_offset() {
        let text = "a = 1\n[b]\nc = { d = \"x\" }\n[[e]]\nf = 1\n[[e]]\nf = [1,\n 2]\n";
        let at = |needle: &str| {
            let o = text.find(needle).unwrap();
            path_at(text, o..o + 1).map(|p| render(&p))
        };
        assert_eq!(at("1\n[b]").as_deref(), Some("a"));
        assert_eq!(at("\"x\"").as_deref(), Some("b.c.d"));
        assert_eq!(at("{ d").as_deref(), Some("b.c"));
        assert_eq!(at("2]").as_deref(), Some("e[1].f[1]"));
        assert_eq!(path_at(text, 0..text.len()), None, "the whole file is no one field");
    }
}
