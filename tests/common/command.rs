//! Running the `imr` binary from a test.

use std::process::Command;

/// What a run of `imr` gave.
pub struct Out {
    /// The exit status.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `imr ARGS...` (no colours) and waits for it.
pub fn imr(args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("imr runs");
    Out {
        code: out.status.code().expect("exit status"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}
