//! Problems with a user's input file, each at the JSON path of the field, and the one way Keel
//! parses JSON input: size-limited, every structural error with its path, line and column.

use std::fmt;

use serde::de::DeserializeOwned;

/// One thing wrong with an input, at a JSON path such as `nodes[3].children[1].points`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// The longest path or message a [`Problem`] shows; longer ones are cut (a 15 MB field must not
/// be echoed whole).
pub const MAX_MESSAGE_CHARS: usize = 300;

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = cut(&self.message, MAX_MESSAGE_CHARS);
        if self.path.is_empty() {
            f.write_str(&message)
        } else {
            write!(f, "{}: {message}", cut(&self.path, MAX_MESSAGE_CHARS))
        }
    }
}

/// Everything wrong with one input file (a framework, a score sheet, a crosswalk).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct InputError {
    /// The file (or other origin) the input came from.
    pub origin: String,
    pub problems: Vec<Problem>,
}

impl InputError {
    /// An error with a single problem.
    pub fn one(origin: &str, path: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError { origin: origin.to_owned(), problems: vec![Problem { path: path.into(), message: message.into() }] }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "{}: {one}", self.origin),
            many => {
                write!(f, "{}: {} problems", self.origin, many.len())?;
                for problem in many {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

/// Parses JSON of at most `max_bytes`; a structural error is reported at its JSON path.
pub fn parse_json<T: DeserializeOwned>(json: &str, origin: &str, max_bytes: usize) -> Result<T, InputError> {
    if json.len() > max_bytes {
        return Err(InputError::one(origin, "", format!("the file is {} bytes; the limit is {max_bytes}", json.len())));
    }
    check_duplicate_keys(json, origin)?;
    let mut de = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        InputError::one(origin, if path == "." { String::new() } else { path }, friendly(&e.into_inner().to_string()))
    })?;
    de.end().map_err(|e| InputError::one(origin, "", e.to_string()))?;
    Ok(value)
}

/// `text` cut to at most `max` characters for a message, saying how much was left out.
pub fn cut(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max).collect();
    format!("{kept}… ({} more characters)", count - max)
}

/// serde's "expected u8" for a score field, in words: a value of 256 or more, a negative one
/// and a fraction get the same kind of message as 101–255.
fn friendly(message: &str) -> String {
    let numeric = message.starts_with("invalid value: integer") || message.starts_with("invalid type: floating point");
    if !message.contains("expected u8") || !numeric {
        return message.to_owned();
    }
    let value = message.split('`').nth(1).unwrap_or("this value");
    let why = if message.contains("floating point") { "is not a whole number" } else { "is out of range" };
    format!("{value} {why}: scores are whole numbers from 0 to 100 (maturity levels count from 1)")
}

/// Refuses a JSON object that names the same key twice anywhere in `json` (serde would keep the
/// last one silently), at the JSON path of the second one.
fn check_duplicate_keys(json: &str, origin: &str) -> Result<(), InputError> {
    let found = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(json);
    let walked = serde::de::DeserializeSeed::deserialize(Walk { path: String::new(), found: &found }, &mut de);
    if let Some((path, key)) = found.into_inner() {
        return Err(InputError::one(origin, path, format!("the key {key:?} appears more than once in this object")));
    }
    // Syntax errors are reported by the typed parse that follows, with their path.
    let _ = walked;
    Ok(())
}

/// Walks any JSON value, remembering the first duplicate key and where it is.
struct Walk<'a> {
    path: String,
    found: &'a std::cell::RefCell<Option<(String, String)>>,
}

impl Walk<'_> {
    fn child(&self, segment: &str, index: bool) -> String {
        match (self.path.is_empty(), index) {
            (_, true) => format!("{}[{segment}]", self.path),
            (true, false) => segment.to_owned(),
            (false, false) => format!("{}.{segment}", self.path),
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Walk<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq.next_element_seed(Walk { path: self.child(&i.to_string(), true), found: self.found })?.is_some() {
            i += 1;
        }
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = self.child(&key, false);
            if !seen.insert(key.clone()) {
                *self.found.borrow_mut() = Some((path, key));
                return Err(serde::de::Error::custom("duplicate key"));
            }
            map.next_value_seed(Walk { path, found: self.found })?;
        }
        Ok(())
    }
}

/// A library message (a lower-case fragment, as `keel: error: …` prints it) as a sentence for
/// the window: its first letter in upper case.
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn a_duplicate_key_is_refused_at_its_path_at_any_depth() {
        let err = parse_json::<serde_json::Value>(r#"{"a": {"x": [1, {"1.1": 2, "1.1": 3}]}}"#, "f.json", 1000)
            .expect_err("duplicate");
        assert_eq!(err.to_string(), "f.json: a.x[1].1.1: the key \"1.1\" appears more than once in this object");
        let err = parse_json::<BTreeMap<String, u8>>(r#"{"k": 1, "k": 2}"#, "f.json", 1000).expect_err("top level");
        assert_eq!(err.problems[0].path, "k");
        // Equal keys in different objects are fine.
        parse_json::<serde_json::Value>(r#"{"a": {"k": 1}, "b": {"k": 1}}"#, "f.json", 1000).expect("no duplicate");
    }

    #[test]
    fn out_of_range_score_values_get_words_not_serde_types() {
        for (json, words) in
            [("256", "256 is out of range"), ("-1", "-1 is out of range"), ("2.5", "2.5 is not a whole number")]
        {
            let err = parse_json::<BTreeMap<String, u8>>(&format!(r#"{{"1.1": {json}}}"#), "s.json", 1000)
                .expect_err("refused");
            let text = err.to_string();
            assert!(text.starts_with(&format!("s.json: 1.1: {words}")), "{text}");
            assert!(!text.contains("u8"), "{text}");
        }
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let problem = Problem { path: "x".into(), message: "y".repeat(10_000) };
        let text = problem.to_string();
        assert!(text.len() < 400 && text.contains("9700 more characters"), "{}", text.len());
    }
}
