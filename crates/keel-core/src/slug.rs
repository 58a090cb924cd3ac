//! The two ways Keel makes a name into something else, each with one rule: machine keys
//! (KPI and assessor keys in files: ASCII `a-z 0-9 - _`) and file names offered in save dialogs
//! (the words as people wrote them, Unicode letters kept, nothing a file system refuses).

/// Whether `key` is a key Keel makes and accepts in CSV files: ASCII letters, digits, `-` and
/// `_`, not empty.
pub fn is_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A key made from a name ("On-time delivery (%)" → `on-time-delivery`, "Zoë O'Neil" →
/// `zo-o-neil`); `fallback` when the name has no ASCII letters or digits. Always passes
/// [`is_key`] when `fallback` does.
pub fn key(name: &str, fallback: &str) -> String {
    let key = name
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if key.is_empty() {
        fallback.to_owned()
    } else {
        key
    }
}

/// A file name for a save dialog from its parts and extension: letters (any script), digits,
/// `-` and single spaces; anything else becomes `-` ("Müller & Söhne 2025 report.pdf" →
/// "Müller - Söhne 2025 report.pdf").
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let raw = parts.join(" ");
    let safe: String = raw
        .chars()
        .map(|c| match c {
            c if c.is_whitespace() => ' ',
            c if c.is_alphanumeric() || c == '-' => c,
            _ => '-',
        })
        .collect();
    let stem = safe.split_whitespace().collect::<Vec<_>>().join(" ");
    let stem = if stem.is_empty() { "keel".to_owned() } else { stem };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_ascii_and_always_valid() {
        assert_eq!(key("On-time delivery (%)", "kpi"), "on-time-delivery");
        assert_eq!(key("Zoë O'Neil", "assessor"), "zo-o-neil");
        assert_eq!(key("Ølið", "assessor"), "li");
        assert_eq!(key("日本", "assessor"), "assessor");
        for name in ["A b", "--", "x_y", "Ünïcödé", "  "] {
            assert!(is_key(&key(name, "kpi")), "{name}");
        }
        assert!(!is_key("") && !is_key("zoë") && !is_key("a b"));
    }

    #[test]
    fn file_names_keep_words_and_lose_separators() {
        assert_eq!(
            file_name(&["Müller & Söhne", "efqm-2020", "2025", "report"], "pdf"),
            "Müller - Söhne efqm-2020 2025 report.pdf"
        );
        assert_eq!(file_name(&["a/b\\c:d"], "csv"), "a-b-c-d.csv");
        assert_eq!(file_name(&["  ", "\t"], "csv"), "keel.csv");
    }
}
