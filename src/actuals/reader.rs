//! Streaming reader of one export file: resolves the canonical fields to
//! columns, walks the rows one at a time (never the whole file in memory),
//! and applies the bad-row policy.

use super::error::{shown, BadRows, ImportError};
use super::mapping::{FileMapping, Source};
use super::timestamp::TimestampParser;
use csv::ByteRecord;
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

/// The largest duration [s] or value [CNY] read: larger ones are export or
/// typing errors (10¹² s is 31,700 years), and would overflow the sums of
/// squares the fit takes.
pub const MAX_AMOUNT: f64 = 1e12;

/// A canonical field of a file kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Canonical name, e.g. `arrived_at`.
    pub name: &'static str,
    /// Whether a file without it is refused.
    pub required: bool,
}

/// Where a field's value is, in the file's columns.
#[derive(Debug, Clone)]
enum Resolved {
    Absent,
    Column(usize),
    Joined(Vec<usize>),
    Matches(usize, Vec<String>),
}

/// One row being read: the canonical fields' values and converters. The
/// errors name the canonical field and, if it differs, the file's column.
pub struct Row<'r> {
    record: &'r ByteRecord,
    fields: &'r [Field],
    resolved: &'r [Resolved],
    labels: &'r [String],
    missing: &'r [String],
    timestamps: &'r TimestampParser,
}

/// A row's problem: the column and the reason.
#[derive(Debug, Clone)]
pub struct RowError {
    /// The column (as named in the file).
    pub column: String,
    /// What is wrong.
    pub reason: String,
}

impl<'r> Row<'r> {
    fn index(&self, name: &str) -> usize {
        self.fields.iter().position(|f| f.name == name).expect("field declared by the file kind")
    }

    fn raw(&self, i: usize) -> Result<Option<Cow<'r, str>>, RowError> {
        let cell = |c: usize| -> Result<&'r str, RowError> {
            let bytes = self.record.get(c).unwrap_or_default();
            std::str::from_utf8(bytes).map(str::trim).map_err(|_| RowError {
                column: self.labels[i].clone(),
                reason: "is not UTF-8 text; export the file as UTF-8".into(),
            })
        };
        let present = |s: &str| !s.is_empty() && !self.missing.iter().any(|m| m == s);
        Ok(match &self.resolved[i] {
            Resolved::Absent => None,
            Resolved::Column(c) => Some(cell(*c)?).filter(|s| present(s)).map(Cow::Borrowed),
            Resolved::Joined(cs) => {
                let parts = cs.iter().map(|&c| cell(c)).collect::<Result<Vec<_>, _>>()?;
                parts.iter().all(|s| present(s)).then(|| Cow::Owned(parts.join(" ")))
            }
            Resolved::Matches(c, values) => {
                let v = cell(*c)?;
                Some(Cow::Borrowed(if values.iter().any(|x| x == v) { "1" } else { "0" }))
            }
        })
    }

    fn error(&self, i: usize, reason: String) -> RowError {
        RowError { column: self.labels[i].clone(), reason }
    }

    /// An error about field `name` of this row (a value that reads but does
    /// not make sense, e.g. a payment before its order).
    pub fn invalid(&self, name: &str, reason: String) -> RowError {
        self.error(self.index(name), reason)
    }

    /// Whether the file has field `name` (as a column or by the mapping).
    pub fn has(&self, name: &str) -> bool {
        !matches!(self.resolved[self.index(name)], Resolved::Absent)
    }

    /// The text of field `name`, or `None` if absent or empty.
    pub fn text(&self, name: &str) -> Result<Option<Cow<'r, str>>, RowError> {
        self.raw(self.index(name))
    }

    /// A required field's text.
    fn required(&self, i: usize) -> Result<Cow<'r, str>, RowError> {
        self.raw(i)?.ok_or_else(|| self.error(i, "is empty, but every row needs it".into()))
    }

    /// A timestamp, as seconds from the window start; `None` if empty.
    pub fn timestamp(&self, name: &str) -> Result<Option<f64>, RowError> {
        let i = self.index(name);
        let Some(text) = self.raw(i)? else { return Ok(None) };
        self.timestamps.seconds(&text).map(Some).map_err(|r| self.error(i, r))
    }

    /// A required timestamp [s from the window start].
    pub fn required_timestamp(&self, name: &str) -> Result<f64, RowError> {
        let i = self.index(name);
        let text = self.required(i)?;
        self.timestamps.seconds(&text).map_err(|r| self.error(i, r))
    }

    /// A finite, non-negative number up to [`MAX_AMOUNT`]; `None` if empty.
    pub fn amount(&self, name: &str) -> Result<Option<f64>, RowError> {
        let i = self.index(name);
        let Some(text) = self.raw(i)? else { return Ok(None) };
        match text.parse::<f64>() {
            Ok(v) if (0.0..=MAX_AMOUNT).contains(&v) => Ok(Some(v)),
            Ok(v) if v.is_finite() && v > 0.0 => {
                Err(self.error(i, format!("`{}` is too large (at most 1e12)", shown(&text))))
            }
            Ok(v) => Err(self.error(i, format!("`{v}` must be a finite number, 0 or more"))),
            Err(_) => Err(self.error(i, format!("`{}` is not a number", shown(&text)))),
        }
    }

    /// A flag (`1`/`0`, `true`/`false`, `yes`/`no`); `false` if empty.
    pub fn flag(&self, name: &str) -> Result<bool, RowError> {
        let i = self.index(name);
        let Some(text) = self.raw(i)? else { return Ok(false) };
        match text.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "y" | "t" => Ok(true),
            "0" | "false" | "no" | "n" | "f" => Ok(false),
            _ => Err(self.error(i, format!("`{}` is not a flag (use 1/0, true/false or yes/no)", shown(&text)))),
        }
    }
}

/// Counts of one file's rows.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct RowCounts {
    /// Data rows read (header excluded) [count].
    pub rows: u64,
    /// Rows used [count].
    pub used: u64,
    /// Rows left out by the mapping's `skip` rules [count].
    pub excluded: u64,
    /// Rows outside the window [count].
    pub outside_window: u64,
    /// Bad rows skipped (with `--skip-bad-rows`), by reason.
    pub bad: BadRows,
}

/// Opens `path` (decompressing `.gz`) as a byte stream; errors name `file`.
pub fn open(path: &Path, file: &str) -> Result<Box<dyn Read>, ImportError> {
    let fail = |m: String| ImportError::whole_file(file, m);
    if path.is_dir() {
        return Err(fail("is a directory, not a CSV file".into()));
    }
    let f = std::fs::File::open(path).map_err(|e| fail(format!("cannot open: {e}")))?;
    let reader = std::io::BufReader::with_capacity(1 << 16, f);
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(reader)))
    } else {
        Ok(Box::new(reader))
    }
}

/// Reads the file at `path` of a kind with `fields`, calling `visit` on
/// every row that is not excluded: [`read_rows_from`] on the opened file.
pub fn read_rows(
    path: &Path,
    fields: &[Field],
    mapping: &FileMapping,
    timestamps: &TimestampParser,
    skip_bad_rows: bool,
    visit: impl FnMut(&Row) -> Result<bool, RowError>,
) -> Result<RowCounts, ImportError> {
    let file = path.display().to_string();
    read_rows_from(open(path, &file)?, &file, fields, mapping, timestamps, skip_bad_rows, visit)
}

/// The header row of `rdr`, names trimmed (and a UTF-8 byte-order mark
/// dropped); an empty header is refused.
fn read_header<R: Read>(rdr: &mut csv::Reader<R>, file: &str) -> Result<Vec<String>, ImportError> {
    let header: Vec<String> = rdr
        .byte_headers()
        .map_err(|e| ImportError::whole_file(file, format!("cannot read the header row: {e}")))?
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = String::from_utf8_lossy(h);
            let h = if i == 0 { h.trim_start_matches('\u{feff}') } else { &h };
            h.trim().to_string()
        })
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(ImportError::whole_file(file, "is empty: it needs a header row naming the columns".into()));
    }
    Ok(header)
}

/// The index of column `name` of `header`, which field `field` needs.
fn column_of(header: &[String], file: &str, name: &str, field: &str) -> Result<usize, ImportError> {
    header.iter().position(|h| h == name).ok_or_else(|| {
        ImportError::whole_file(
            file,
            format!("has no column `{name}` (for `{field}`); the header has: {}", header_list(header)),
        )
    })
}

/// Where each of `fields` is in the columns of `header`, by the mapping or
/// by its own name, and the column label errors name it by.
fn resolve_fields(
    header: &[String],
    file: &str,
    fields: &[Field],
    mapping: &FileMapping,
) -> Result<(Vec<Resolved>, Vec<String>), ImportError> {
    let column = |name: &str, field: &str| column_of(header, file, name, field);
    let mut resolved = Vec::with_capacity(fields.len());
    let mut labels = Vec::with_capacity(fields.len());
    for f in fields {
        let (r, label) = match mapping.fields.get(f.name) {
            Some(Source::Column(c)) => (Resolved::Column(column(c, f.name)?), c.clone()),
            Some(Source::Joined(cs)) => {
                (Resolved::Joined(cs.iter().map(|c| column(c, f.name)).collect::<Result<_, _>>()?), cs.join("+"))
            }
            Some(Source::Matches { column: c, values }) => {
                (Resolved::Matches(column(c, f.name)?, values.clone()), c.clone())
            }
            None => match header.iter().position(|h| h == f.name) {
                Some(i) => (Resolved::Column(i), f.name.to_string()),
                None if f.required => {
                    return Err(ImportError::whole_file(
                        file,
                        format!(
                            "has no column `{}`, which is required; the header has: {}",
                            f.name,
                            header_list(header)
                        ),
                    ))
                }
                None => (Resolved::Absent, f.name.to_string()),
            },
        };
        resolved.push(r);
        labels.push(label);
    }
    if let Some(unknown) = mapping.fields.keys().find(|k| !fields.iter().any(|f| f.name == *k)) {
        let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
        return Err(ImportError::whole_file(
            file,
            format!("the mapping names `{unknown}`, which is not a field of this file; fields: {}", known.join(", ")),
        ));
    }
    Ok((resolved, labels))
}

/// The mapping's `skip` rules as `(column index, values)` conditions; a row
/// is left out when every condition of one rule holds.
type SkipRules<'m> = Vec<Vec<(usize, &'m Vec<String>)>>;

fn skip_rules<'m>(header: &[String], file: &str, mapping: &'m FileMapping) -> Result<SkipRules<'m>, ImportError> {
    mapping
        .skip
        .iter()
        .map(|rule| {
            rule.iter()
                .map(|(c, vals)| Ok((column_of(header, file, c, "skip")?, vals)))
                .collect::<Result<_, ImportError>>()
        })
        .collect()
}

/// Reads the rows of an export of a kind with `fields` from `input` (any
/// byte stream; errors name it `file`), calling `visit` on every row that is
/// not excluded. `visit` returns `Ok(true)` if it used the row, `Ok(false)`
/// if the row lies outside the window. A row error stops the import unless
/// `skip_bad_rows`, in which case it is counted.
pub fn read_rows_from(
    input: impl Read,
    file: &str,
    fields: &[Field],
    mapping: &FileMapping,
    timestamps: &TimestampParser,
    skip_bad_rows: bool,
    visit: impl FnMut(&Row) -> Result<bool, RowError>,
) -> Result<RowCounts, ImportError> {
    let delimiter = mapping.delimiter_byte().map_err(|m| ImportError::whole_file(file, m))?;
    let mut rdr = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(input);
    let header = read_header(&mut rdr, file)?;
    let (resolved, labels) = resolve_fields(&header, file, fields, mapping)?;
    let skip = skip_rules(&header, file, mapping)?;
    let walk = Walk { file, header_len: header.len(), fields, resolved: &resolved, labels: &labels, skip: &skip };
    walk.rows(&mut rdr, mapping, timestamps, skip_bad_rows, visit)
}

/// The rows of one file being walked, with its columns resolved.
struct Walk<'w> {
    file: &'w str,
    header_len: usize,
    fields: &'w [Field],
    resolved: &'w [Resolved],
    labels: &'w [String],
    skip: &'w SkipRules<'w>,
}

impl Walk<'_> {
    /// Walks every row of `rdr`: unreadable rows, rows with the wrong number
    /// of fields and rows `visit` refuses stop the import unless
    /// `skip_bad_rows`; blank lines are not rows; rows a `skip` rule matches
    /// are counted as excluded.
    fn rows<R: Read>(
        &self,
        rdr: &mut csv::Reader<R>,
        mapping: &FileMapping,
        timestamps: &TimestampParser,
        skip_bad_rows: bool,
        mut visit: impl FnMut(&Row) -> Result<bool, RowError>,
    ) -> Result<RowCounts, ImportError> {
        let file = self.file;
        let mut counts = RowCounts::default();
        let mut record = ByteRecord::new();
        loop {
            let line = rdr.position().line() + u64::from(rdr.position().line() == 0);
            match rdr.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let at = e.position().map_or(line, |p| p.line());
                    let err = ImportError::at(file, at, None, format!("cannot read the row: {e}"));
                    counts.rows += 1;
                    if !skip_bad_rows {
                        return Err(err);
                    }
                    counts.bad.add(at, "unreadable row");
                    continue;
                }
            }
            let line = record.position().map_or(line, |p| p.line());
            counts.rows += 1;
            if record.len() != self.header_len {
                if record.len() == 1 && record.get(0).is_some_and(|c| c.is_empty()) {
                    counts.rows -= 1; // a blank line
                    continue;
                }
                let plural = if record.len() == 1 { "" } else { "s" };
                let reason = format!("has {} field{plural}, the header has {}", record.len(), self.header_len);
                if !skip_bad_rows {
                    return Err(ImportError::at(file, line, None, reason));
                }
                counts.bad.add(line, "wrong number of fields");
                continue;
            }
            if self.excluded(&record) {
                counts.excluded += 1;
                continue;
            }
            let row = Row {
                record: &record,
                fields: self.fields,
                resolved: self.resolved,
                labels: self.labels,
                missing: &mapping.missing,
                timestamps,
            };
            match visit(&row) {
                Ok(true) => counts.used += 1,
                Ok(false) => counts.outside_window += 1,
                Err(e) => {
                    if !skip_bad_rows {
                        return Err(ImportError::at(file, line, Some(e.column), e.reason));
                    }
                    counts.bad.add(line, &format!("`{}`: {}", e.column, generalise(&e.reason)));
                }
            }
        }
        Ok(counts)
    }

    /// Whether a `skip` rule leaves `record` out.
    fn excluded(&self, record: &ByteRecord) -> bool {
        let cell = |c: usize| record.get(c).map(<[u8]>::trim_ascii).unwrap_or_default();
        self.skip.iter().any(|rule| rule.iter().all(|(c, vals)| vals.iter().any(|v| v.as_bytes() == cell(*c))))
    }
}

/// A reason without the row's own value, so that rows with the same problem
/// count together: "`x` is not a number" → "is not a number".
/// The header's column names as a message lists them: each cut to a
/// readable length, at most 30 of them.
fn header_list(header: &[String]) -> String {
    let mut list: Vec<String> = header.iter().take(30).map(|h| shown(h)).collect();
    if header.len() > 30 {
        list.push(format!("... ({} columns)", header.len()));
    }
    list.join(", ")
}

fn generalise(reason: &str) -> String {
    reason
        .strip_prefix('`')
        .and_then(|r| r.find("` ").map(|end| r[end + 2..].to_string()))
        .unwrap_or_else(|| reason.to_string())
}
