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

    /// Reads the letter's bytes into `buf`, and returns them.
    pub fn read_into<'b>(&self, buf: &'b mut ReadBuf) -> Result<&'b [u8], String> {
        match self {
            Input::Stdin => buf
                .fill(io::stdin().lock())
                .map_err(|e| format!("cannot read standard input: {e}")),
            Input::File(p) => fs::File::open(p)
                .and_then(|f| buf.fill(f))
                .map_err(|e| format!("cannot read: {}", describe(&e))),
            Input::Problem(_, why) => Err(why.clone()),
        }
    }
}

/// A buffer that letters are read into, one after another on the same thread.
///
/// Its bytes stay initialised once written, so reading a letter needs neither an allocation
/// (once the buffer has grown to the largest letter) nor a `stat` to learn the file's size: an
/// open, reads to the end, a close.
#[derive(Debug, Default)]
pub struct ReadBuf {
    data: Vec<u8>,
}

impl ReadBuf {
    /// The most kept from one letter to the next: a buffer grown beyond it for an unusually
    /// large input is freed before the next one is read.
    const KEEP: usize = 4 << 20;

    /// Reads `r` to its end into the buffer and returns the bytes read.
    fn fill(&mut self, mut r: impl Read) -> io::Result<&[u8]> {
        if self.data.len() > Self::KEEP {
            self.data = Vec::new();
        }
        let mut n = 0;
        loop {
            if n == self.data.len() {
                let more = self.data.len().max(16 << 10);
                self.data.resize(self.data.len() + more, 0);
            }
            match r.read(&mut self.data[n..]) {
                Ok(0) => return Ok(&self.data[..n]),
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
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
    fn into_input(self) -> Input {
        match self {
            Entry::File(p) => Input::File(p),
            Entry::Unlisted(p, why) => Input::Problem(p.display().to_string(), why),
        }
    }
}

/// Collects the `*.txt` files under `dir`, following symbolic links but visiting each folder once.
///
/// Each folder's entries are taken in order of their names and a subfolder is entered where its
/// name falls, so the files come out in sorted path order (component by component) without a
/// sort of the whole list; a folder that cannot be listed, wholly or in part, comes before its
/// files. Only symbolic links cost a `stat`: the kind of every other entry comes with the listing.
fn walk(dir: &Path, seen: &mut HashSet<PathBuf>, out: &mut Vec<Entry>) {
    if let Ok(real) = fs::canonicalize(dir)
        && !seen.insert(real)
    {
        return;
    }
    let unlisted = |e: &io::Error| {
        Entry::Unlisted(
            dir.to_path_buf(),
            format!("cannot list folder: {}", describe(e)),
        )
    };
    let listing = match fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) => {
            out.push(unlisted(&e));
            return;
        }
    };
    let mut entries = Vec::new();
    for entry in listing {
        match entry {
            Ok(e) => entries.push((e.file_name(), e.file_type().ok())),
            Err(e) => out.push(unlisted(&e)),
        }
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in entries {
        let path = dir.join(name);
        match kind {
            Some(k) if k.is_dir() => walk(&path, seen, out),
            Some(k) if k.is_file() => {
                if is_txt(&path) {
                    out.push(Entry::File(path));
                }
            }
            Some(k) if !k.is_symlink() => {}
            // A symbolic link (or an entry whose kind is unknown): follow it; a dangling link is
            // a problem only if it looks like a letter.
            _ => match fs::metadata(&path) {
                Ok(m) if m.is_dir() => walk(&path, seen, out),
                Ok(m) if m.is_file() && is_txt(&path) => out.push(Entry::File(path)),
                Ok(_) => {}
                Err(e) if is_txt(&path) => out.push(Entry::Unlisted(path, describe(&e))),
                Err(_) => {}
            },
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

    /// The walk gives the order of sorting every path component by component, with names that
    /// byte order and component order would put differently ("a/…" against "a.b/…" and
    /// "a-b.txt"), upper and lower case, nested folders, and followed or dangling links.
    #[cfg(unix)]
    #[test]
    fn the_walk_lists_files_in_component_order() {
        use std::os::unix::fs::symlink;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let root = std::env::temp_dir().join(format!("imr-walk-{}-{nanos}", std::process::id()));
        for d in ["a/c", "a.b", "z/sub", "Z"] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        let files = [
            "a.txt",
            "a-b.txt",
            "a/b.txt",
            "a/c/d.txt",
            "a/c.txt",
            "a.b/x.txt",
            "B.txt",
            "b.TXT",
            "z/sub/y.txt",
            "z/a.txt",
            "Z/q.txt",
            "notes.md",
            "a/c/e.md",
        ];
        for f in files {
            fs::write(root.join(f), b"x").unwrap();
        }
        symlink(root.join("a.txt"), root.join("link.txt")).unwrap();
        symlink(root.join("nowhere.txt"), root.join("gone.txt")).unwrap();
        symlink(root.join("a/c"), root.join("ln")).unwrap();
        symlink(root.join("z"), root.join("a/zz")).unwrap();
        let list = expand(&[root.display().to_string()]).list;
        let got: Vec<PathBuf> = list.iter().map(|i| PathBuf::from(i.path())).collect();
        let mut want = got.clone();
        want.sort();
        assert_eq!(got, want);
        let names: Vec<String> = got
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        // Each folder is visited once, through the first path that reaches it ("a/c" before
        // the link "ln" to it; the link "a/zz" before "z" itself); a dangling link that looks
        // like a letter is listed, to be reported.
        let expected = [
            "B.txt",
            "Z/q.txt",
            "a/b.txt",
            "a/c/d.txt",
            "a/c.txt",
            "a/zz/a.txt",
            "a/zz/sub/y.txt",
            "a-b.txt",
            "a.b/x.txt",
            "a.txt",
            "b.TXT",
            "gone.txt",
            "link.txt",
        ];
        assert_eq!(names, expected);
        assert!(matches!(&list[11], Input::Problem(p, _) if p.ends_with("gone.txt")));
        fs::remove_dir_all(&root).unwrap();
    }

    /// A reader giving its bytes a few at a time, interrupted now and then.
    struct Trickle {
        data: Vec<u8>,
        at: usize,
        calls: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = out.len().min(7777).min(self.data.len() - self.at);
            out[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn the_read_buffer_holds_each_input_whole_and_only_it() {
        let mut buf = ReadBuf::default();
        let trickle = |len: usize, seed: u8| Trickle {
            data: (0..len)
                .map(|i| (i as u8).wrapping_mul(31) ^ seed)
                .collect(),
            at: 0,
            calls: 0,
        };
        // Growing past its first size, shrinking back to a short input, an empty one, one
        // larger than what is kept between inputs, and a short one after it.
        for (len, seed) in [
            (100_000, 1),
            (10, 2),
            (0, 3),
            (16 << 10, 4),
            (ReadBuf::KEEP + 5, 5),
            (3, 6),
        ] {
            let r = trickle(len, seed);
            let want = r.data.clone();
            assert_eq!(buf.fill(r).unwrap(), &want[..], "input of {len} bytes");
        }
        // The large buffer was freed before the last input, which needed only the first size.
        assert_eq!(buf.data.len(), 16 << 10);
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::ErrorKind::PermissionDenied.into())
            }
        }
        assert_eq!(
            buf.fill(Broken).unwrap_err().kind(),
            io::ErrorKind::PermissionDenied
        );
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
