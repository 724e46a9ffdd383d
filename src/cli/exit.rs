//! Exit codes, and the one error that is not a failure: a closed pipe.
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | success: the command did its work; `search`, `count` and `timeline` found something; `remove` removed (or, `--dry-run`, would remove) something |
//! | 1 | the command ran fine but found nothing (`search`, `count`, `timeline`), or `remove` matched nothing |
//! | 2 | error or rejected input: bad arguments or query, an unusable index, the writer lock held, a damaged index (`verify`), an input `ingest` rejected, a page `add` or `update` refused (404, timeout, redirect loop, over the size cap, robots.txt, no text) |

use std::error::Error as StdError;
use std::io;
use std::process::ExitCode;

/// How a command ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// 0: done; for a command that looks something up, something was found.
    Success = 0,
    /// 1: the command ran fine but found nothing.
    NoMatch = 1,
    /// 2: an error, or input that was rejected (the rest may have been done).
    Failure = 2,
}

impl Exit {
    /// `Success` when something was found, else `NoMatch`.
    pub fn found(any: bool) -> Exit {
        if any {
            Exit::Success
        } else {
            Exit::NoMatch
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Is a broken pipe anywhere in this error's chain of sources?
///
/// Looks inside `io::Error`s that wrap another error too, which their
/// `source()` skips.
pub fn is_broken_pipe(error: &(dyn StdError + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
            if let Some(inner) = io.get_ref() {
                if is_broken_pipe(inner) {
                    return true;
                }
            }
        }
        next = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use readouts::Error;

    fn pipe() -> io::Error {
        io::Error::from(io::ErrorKind::BrokenPipe)
    }

    #[test]
    fn codes_are_documented_values() {
        assert_eq!(Exit::Success as u8, 0);
        assert_eq!(Exit::NoMatch as u8, 1);
        assert_eq!(Exit::Failure as u8, 2);
        assert_eq!(Exit::found(true), Exit::Success);
        assert_eq!(Exit::found(false), Exit::NoMatch);
    }

    #[test]
    fn a_broken_pipe_is_found_however_deeply_wrapped() {
        assert!(is_broken_pipe(&pipe()));
        assert!(is_broken_pipe(&Error::io("<stdout>", pipe())));
        // A custom io::Error around an error whose source is the pipe.
        let wrapped = io::Error::other(Error::io("<stdout>", pipe()));
        assert!(is_broken_pipe(&Error::io("<stdout>", wrapped)));
    }

    #[test]
    fn other_errors_are_not_a_broken_pipe() {
        assert!(!is_broken_pipe(&Error::Usage("no".into())));
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert!(!is_broken_pipe(&Error::io("x", denied)));
        assert!(!is_broken_pipe(&io::Error::other("broken pipe")));
    }
}
