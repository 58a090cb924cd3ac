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

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
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
    let mut de = serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        InputError::one(origin, if path == "." { String::new() } else { path }, e.into_inner().to_string())
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
