//! Turning the command line's INPUTs into the list of letters to read.
//!
//! Files are taken as given, whatever their extension; folders are searched recursively for
//! `*.txt` files, listed in sorted path order; `-` is standard input. A path that cannot be found
//! or listed becomes an [`Input::Problem`] in its place, so the other inputs are still processed
//! and the problem is reported in order.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One letter to read, or a problem found while listing the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
    /// A path that could not be read or listed, and why.
    Problem(String, String),
}

impl Input {
    /// The name shown in JSON and CSV output: the path as given, or `-` for standard input.
    pub fn path(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(p) => p.display().to_string(),
            Input::Problem(p, _) => p.clone(),
        }
    }

    /// The name shown in human-readable reports.
    pub fn display_name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            other => other.path(),
        }
    }

    /// Reads the letter's bytes.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                io::stdin()
                    .lock()
                    .read_to_end(&mut buf)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                Ok(buf)
            }
            Input::File(p) => fs::read(p).map_err(|e| format!("cannot read: {}", describe(&e))),
            Input::Problem(_, why) => Err(why.clone()),
        }
    }
}

/// The result of expanding the command line.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Every letter, in order, with problems in place.
    pub list: Vec<Input>,
    /// Whether any INPUT was a folder.
    pub had_folder: bool,
}

/// Expands the INPUTs: folders into their `*.txt` files (sorted), `-` into standard input.
pub fn expand(args: &[String]) -> Inputs {
    let mut out = Inputs::default();
    let mut stdin_seen = false;
    for arg in args {
        if arg == "-" {
            if stdin_seen {
                out.list.push(Input::Problem(
                    "-".to_owned(),
                    "standard input can only be read once".to_owned(),
                ));
            } else {
                stdin_seen = true;
                out.list.push(Input::Stdin);
            }
            continue;
        }
        let path = PathBuf::from(arg);
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                out.had_folder = true;
                let mut seen = HashSet::new();
                let mut files = Vec::new();
                walk(&path, &mut seen, &mut files);
                files.sort_by(|a, b| a.path().cmp(b.path()).then(a.is_ok().cmp(&b.is_ok())));
                out.list.extend(files.into_iter().map(Entry::into_input));
            }
            Ok(_) => out.list.push(Input::File(path)),
            Err(e) => out.list.push(Input::Problem(arg.clone(), describe(&e))),
        }
    }
    out
}

/// A file found in a folder, or a folder that could not be listed.
enum Entry {
    File(PathBuf),
    Unlisted(PathBuf, String),
}

impl Entry {
    fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::Unlisted(p, _) => p,
        }
    }

    fn is_ok(&self) -> bool {
        matches!(self, Entry::File(_))
    }

    fn into_input(self) -> Input {
        match self {
            Entry::File(p) => Input::File(p),
            Entry::Unlisted(p, why) => Input::Problem(p.display().to_string(), why),
        }
    }
}

/// Collects the `*.txt` files under `dir`, following symbolic links but visiting each folder once.
fn walk(dir: &Path, seen: &mut HashSet<PathBuf>, out: &mut Vec<Entry>) {
    if let Ok(real) = fs::canonicalize(dir)
        && !seen.insert(real)
    {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Entry::Unlisted(
                dir.to_path_buf(),
                format!("cannot list folder: {}", describe(&e)),
            ));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.push(Entry::Unlisted(
                    dir.to_path_buf(),
                    format!("cannot list folder: {}", describe(&e)),
                ));
                continue;
            }
        };
        let path = entry.path();
        // Follow symbolic links; a dangling link is a problem only if it looks like a letter.
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, seen, out),
            Ok(m) if m.is_file() && is_txt(&path) => out.push(Entry::File(path)),
            Ok(_) => {}
            Err(e) if is_txt(&path) => out.push(Entry::Unlisted(path, describe(&e))),
            Err(_) => {}
        }
    }
}

fn is_txt(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// An I/O error as a short message: "no such file or directory" rather than the OS's wording
/// with its error number.
fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_path_is_a_problem_in_place() {
        let got = expand(&["-".into(), "/no/such/imr/path".into(), "-".into()]);
        assert_eq!(got.list[0], Input::Stdin);
        assert!(
            matches!(&got.list[1], Input::Problem(p, why) if p == "/no/such/imr/path" && why == "no such file or directory")
        );
        assert!(matches!(&got.list[2], Input::Problem(..)));
    }

    #[test]
    fn folders_are_sorted_and_filtered() {
        let got = expand(&["tests/fixtures/invalid".into()]);
        assert!(got.had_folder);
        let paths: Vec<String> = got.list.iter().map(Input::path).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert!(paths.iter().all(|p| p.ends_with(".txt")));
        assert!(paths.iter().any(|p| p.ends_with("empty_input.txt")));
    }
}
