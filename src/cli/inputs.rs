//! Turning the command line's INPUTs into the list of letters to read.
//!
//! Files are taken as given, whatever their extension; folders are walked (with `walkdir`) for
//! the files whose extension is one of [`LETTER_EXTENSIONS`], listed in sorted path order; `-`
//! is standard input. A path that cannot be found or listed, a symbolic link that loops, and a
//! folder without letters become an [`Input::Problem`] in place, so the other inputs are still
//! processed and the problem is reported in order.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The extensions (compared without regard to case) of the files a folder's walk takes as
/// letters. A file named on the command line is read whatever its extension.
#[cfg(feature = "pdf")]
pub const LETTER_EXTENSIONS: &[&str] = &["txt", "pdf"];
/// The extensions (compared without regard to case) of the files a folder's walk takes as
/// letters. A file named on the command line is read whatever its extension.
#[cfg(not(feature = "pdf"))]
pub const LETTER_EXTENSIONS: &[&str] = &["txt"];

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

    /// Whether the input is a file named `*.pdf`.
    pub fn is_pdf(&self) -> bool {
        matches!(self, Input::File(p) if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
    }

    /// Reads the letter's bytes into `buf`, and returns them; an input of more than `limit`
    /// bytes is an error, found without reading more than `limit + 1` bytes of it (a device
    /// such as `/dev/zero` never ends).
    pub fn read_into<'b>(&self, buf: &'b mut ReadBuf, limit: u64) -> Result<&'b [u8], String> {
        let too_large = || {
            format!(
                "larger than {} (--max-file-size); skipped",
                show_size(limit)
            )
        };
        let read = match self {
            Input::Stdin => buf
                .fill(io::stdin().lock(), limit)
                .map_err(|e| format!("cannot read standard input: {e}")),
            // No `stat` for the size: reading stops one byte past the limit anyway.
            Input::File(p) => fs::File::open(p)
                .and_then(|f| buf.fill(f, limit))
                .map_err(|e| format!("cannot read: {}", describe(&e))),
            Input::Problem(_, why) => Err(why.clone()),
        };
        match read? {
            Filled::Whole(bytes) => Ok(bytes),
            Filled::TooLarge => Err(too_large()),
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

    /// Reads `r` to its end into the buffer and returns the bytes read, or
    /// [`Filled::TooLarge`] as soon as more than `limit` bytes have come.
    fn fill(&mut self, mut r: impl Read, limit: u64) -> io::Result<Filled<'_>> {
        if self.data.len() > Self::KEEP {
            self.data = Vec::new();
        }
        // One byte past the limit tells that the input is over it.
        let cap = usize::try_from(limit).map_or(usize::MAX, |l| l.saturating_add(1));
        let mut n = 0;
        loop {
            if n == cap {
                return Ok(Filled::TooLarge);
            }
            if n == self.data.len() {
                let more = self.data.len().max(16 << 10);
                self.data.resize((self.data.len() + more).min(cap), 0);
            }
            match r.read(&mut self.data[n..]) {
                Ok(0) => return Ok(Filled::Whole(&self.data[..n])),
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// What [`ReadBuf::fill`] read.
#[derive(Debug, PartialEq, Eq)]
enum Filled<'b> {
    /// The whole input.
    Whole(&'b [u8]),
    /// More than the limit: the input was not read to its end.
    TooLarge,
}

/// A size in bytes as people write it: `64 MiB`, `512 KiB`, `1000 bytes`.
pub fn show_size(bytes: u64) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

/// The result of expanding the command line.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Every letter, in order, with problems in place.
    pub list: Vec<Input>,
    /// Whether any INPUT was a folder.
    pub had_folder: bool,
}

/// Whether `a` and `b` are the same existing file, by whatever paths.
pub fn same_file(a: &Path, b: &Path) -> bool {
    fs::metadata(b).is_ok_and(|target| is_file(a, b, &target))
}

/// Whether `path` is one of the `inputs` files, by whatever path it was given: nothing to
/// look up when `path` does not exist, one `stat` per input when it does.
pub fn is_an_input(path: &Path, inputs: &[Input]) -> bool {
    fs::metadata(path).is_ok_and(|target| {
        (inputs.iter()).any(|i| matches!(i, Input::File(f) if is_file(f, path, &target)))
    })
}

/// Whether `f` is the file `path`, whose metadata is `target`: on Unix the same device and
/// inode (one `stat`), elsewhere the same canonical path.
fn is_file(f: &Path, path: &Path, target: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        fs::metadata(f).is_ok_and(|m| m.dev() == target.dev() && m.ino() == target.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = target;
        match (fs::canonicalize(f), fs::canonicalize(path)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Expands the INPUTs: folders into their letters (sorted), `-` into standard input.
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
                walk(&path, &mut out.list);
            }
            Ok(_) => out.list.push(Input::File(path)),
            Err(e) => out.list.push(Input::Problem(arg.clone(), describe(&e))),
        }
    }
    out
}

/// Appends the letters under `root` to `out` in sorted path order (component by component),
/// following symbolic links but entering each folder once, through the first path that reaches
/// it. A symbolic link looping back to a folder it is in, a folder that cannot be listed and a
/// dangling link that looks like a letter are problems in place; a folder without any letter
/// (and no such problem) is one problem.
fn walk(root: &Path, out: &mut Vec<Input>) {
    let mut entered = HashSet::new();
    let (mut letters, mut problems) = (0, 0);
    let walker = WalkDir::new(root)
        .follow_links(true)
        // By name: the entries of one folder share its path up to their names, so comparing
        // whole paths as bytes gives the names' order without parsing a name out of each path
        // at every comparison (`sort_by_file_name` does, at 3,000 instructions a file).
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| {
            !e.file_type().is_dir()
                || fs::canonicalize(e.path()).map_or(true, |real| entered.insert(real))
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && is_letter(e.path()) => {
                letters += 1;
                out.push(Input::File(e.into_path()));
            }
            Ok(_) => {}
            Err(e) => {
                if let Some(p) = walk_problem(root, &e) {
                    problems += 1;
                    out.push(p);
                }
            }
        }
    }
    // A folder that could not be listed is reported as that, not also as empty.
    if letters == 0 && problems == 0 {
        out.push(Input::Problem(
            root.display().to_string(),
            format!(
                "no letters in this folder (files named *.{})",
                LETTER_EXTENSIONS.join(", *.")
            ),
        ));
    }
}

/// The problem an error of the walk is, if any: a dangling symbolic link is one only when its
/// name is a letter's.
fn walk_problem(root: &Path, e: &walkdir::Error) -> Option<Input> {
    let path = e.path().unwrap_or(root);
    let name = path.display().to_string();
    if let Some(ancestor) = e.loop_ancestor() {
        return Some(Input::Problem(
            name,
            format!(
                "symbolic link loop: leads back to {}; not followed",
                ancestor.display()
            ),
        ));
    }
    let why = e.io_error().map_or_else(|| e.to_string(), describe);
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && fs::metadata(path).is_err() {
        return is_letter(path).then_some(Input::Problem(name, why));
    }
    Some(Input::Problem(name, format!("cannot list folder: {why}")))
}

/// Whether a file found in a folder is taken as a letter: by its extension.
fn is_letter(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| LETTER_EXTENSIONS.iter().any(|l| e.eq_ignore_ascii_case(l)))
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
            assert_eq!(
                buf.fill(r, u64::MAX).unwrap(),
                Filled::Whole(&want[..]),
                "input of {len} bytes"
            );
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
            buf.fill(Broken, u64::MAX).unwrap_err().kind(),
            io::ErrorKind::PermissionDenied
        );
    }

    #[test]
    fn an_input_over_the_limit_is_read_only_one_byte_past_it() {
        let mut buf = ReadBuf::default();
        for (len, limit, whole) in [
            (100, 100, true),
            (101, 100, false),
            (0, 0, true),
            (1, 0, false),
        ] {
            let mut r = trickle_of(len);
            let got = buf.fill(&mut r, limit).unwrap();
            assert_eq!(
                matches!(got, Filled::Whole(b) if b.len() == len),
                whole,
                "{len} bytes, limit {limit}"
            );
            assert!(r.at <= limit as usize + 1, "read {} bytes", r.at);
        }
        // A reader that never ends (as /dev/zero) is stopped at the limit.
        let got = buf.fill(io::repeat(0), 1 << 20).unwrap();
        assert_eq!(got, Filled::TooLarge);
        assert_eq!(show_size(64 << 20), "64 MiB");
        assert_eq!(show_size(1536), "1536 bytes");
        assert_eq!(show_size(2048), "2 KiB");
    }

    fn trickle_of(len: usize) -> Trickle {
        Trickle {
            data: vec![b'x'; len],
            at: 0,
            calls: 0,
        }
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
