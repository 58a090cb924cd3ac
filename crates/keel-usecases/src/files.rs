//! Reading the files a user hands Keel (frameworks, exchange files, KPI tables, score sheets),
//! for both shells alike: regular files only (a FIFO or device would block or never end),
//! size-limited, UTF-8 checked, errors naming the file.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest input file the CLI reads.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("there is no file {path}")]
    Missing { path: PathBuf },
    #[error("{path} is {kind}, not a file; Keel reads only regular files")]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{path} is larger than {max} bytes; Keel does not read files that big")]
    TooLarge { path: PathBuf, max: u64 },
    #[error("{path} is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
}

/// Refuses anything but an existing regular file, before opening it (opening a FIFO blocks).
pub fn check_regular_file(path: &Path) -> Result<(), FileError> {
    let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => FileError::Missing { path: path.to_path_buf() },
        _ => FileError::Read { path: path.to_path_buf(), source },
    })?;
    if metadata.is_file() {
        return Ok(());
    }
    Err(FileError::NotAFile { path: path.to_path_buf(), kind: keel_store::file_kind_name(&metadata) })
}

/// Reads a UTF-8 text file of at most [`MAX_INPUT_BYTES`].
pub fn read_text(path: &Path) -> Result<String, FileError> {
    check_regular_file(path)?;
    let read = |source| FileError::Read { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(read)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(read)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(FileError::TooLarge { path: path.to_path_buf(), max: MAX_INPUT_BYTES });
    }
    String::from_utf8(bytes)
        .map_err(|e| FileError::NotUtf8 { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })
}
