//! The export stage: the graph as JSON (the schema we own, `schema/graph.schema.json`),
//! as DOT through graphviz-rust, and as SVG rendered by Graphviz's `dot`.
//! Every file is written to a temporary file beside its destination and renamed, so a
//! crash never leaves a half-written output.

pub mod dot;
pub mod json;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    persist(tmp, path)
}

/// Writes to `path` atomically through `write`, streaming: a large graph is never held
/// as one string.
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tempfile::NamedTempFile::new_in(dir).map_err(io)?);
    write(&mut out).map_err(io)?;
    let tmp = out.into_inner().map_err(|e| io(e.into_error()))?;
    persist(tmp, path)
}

/// Makes a finished temporary file the output at `path` (same folder, so a rename).
pub fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    tmp.as_file().sync_all().map_err(io)?;
    // Temporary files are private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Whether Graphviz's `dot` can be run.
pub fn graphviz_available() -> bool {
    std::process::Command::new("dot")
        .arg("-V")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The one line to print when `dot` is missing.
pub const GRAPHVIZ_MISSING: &str =
    "Graphviz's `dot` is not on PATH, so no SVG was drawn; install it (Debian/Ubuntu: apt-get install graphviz, macOS: brew install graphviz) and run again";
