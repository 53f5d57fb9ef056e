//! `domorph`: the command-line face of the library.
//!
//! Standard output carries exactly the resulting HTML (optionally followed by one newline);
//! every diagnostic goes to standard error.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use domorph::Document;
use domorph::morph::{MorphOptions, morph_fragment};
use domorph::page::Page;
use domorph::stream::{Compat, StreamOptions};

#[derive(Parser, Debug)]
#[command(
    name = "domorph",
    version,
    about = "A server-held HTML page, changed exactly as Hotwire Turbo changes it in the browser"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse a page as a browser loads it and print its serialization.
    Parse {
        /// The page (`-` reads standard input).
        file: PathBuf,
    },
    /// Apply Turbo Stream messages to a page, in order, and print the resulting document.
    Apply {
        /// The page, then the messages, applied in order.
        #[arg(num_args = 1..)]
        files: Vec<PathBuf>,
        /// Apply each message all or nothing.
        #[arg(long)]
        strict: bool,
        /// Behave as a given Turbo release does.
        #[arg(long)]
        compat: Option<String>,
    },
    /// Morph old markup into new content as idiomorph does.
    Morph {
        /// OLD is parsed as the children of a <div>; its first element is the morph root.
        #[arg(long)]
        fragment: bool,
        /// OLD, then NEW.
        #[arg(num_args = 2)]
        files: Vec<PathBuf>,
        /// Morph the root's children only (idiomorph's innerHTML style).
        #[arg(long)]
        children_only: bool,
        /// Print a report (`json`).
        #[arg(long)]
        report: Option<String>,
    },
    /// The smallest stream message from one page to another (not implemented yet).
    Diff {
        /// The held page, then the new render.
        #[arg(num_args = 2)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("domorph: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Parse { file } => {
            let html = read_input(&file)?;
            let doc = Document::parse(&html);
            print_html(&doc.to_html())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Apply {
            files,
            strict,
            compat,
        } => apply_command(&files, strict, compat.as_deref()),
        Command::Morph {
            fragment,
            files,
            children_only,
            report,
        } => morph_command(fragment, &files, children_only, report.as_deref()),
        Command::Diff { .. } => Err("`diff` is not implemented yet".into()),
    }
}

/// `domorph apply PAGE MESSAGE... [--strict] [--compat turbo-8.0.23]`: the page is parsed as
/// the oracle serves it (a fragment becomes the body of a no-quirks document), each message
/// is applied in order, errors go to standard error one per line, the document to standard
/// output. Exit 1 if an input cannot be read, or with `--strict` if a message was refused
/// (the page stays as it was for that message; later messages still apply).
fn apply_command(
    files: &[PathBuf],
    strict: bool,
    compat: Option<&str>,
) -> Result<ExitCode, String> {
    let compat = match compat {
        None => Compat::default(),
        Some(c) => c.parse::<Compat>()?,
    };
    let [page_path, messages @ ..] = files else {
        return Err("apply needs a page and at least one message: PAGE MESSAGE...".into());
    };
    if messages.is_empty() {
        return Err("apply needs at least one message after the page: PAGE MESSAGE...".into());
    }
    let options = StreamOptions::default().strict(strict).compat(compat);
    let html = read_input(page_path)?;
    let (mut page, loaded) = Page::parse_with(&domorph::page::served(&html), options);
    let mut stderr = io::stderr().lock();
    for e in &loaded.errors {
        let _ = writeln!(
            stderr,
            "{}: {}",
            page_path.display(),
            one_line(&e.to_string())
        );
    }
    let mut failed = false;
    let mut rejected = false;
    for path in messages {
        let text = match read_input(path) {
            Ok(t) => t,
            Err(e) => {
                let _ = writeln!(stderr, "domorph: {e}");
                failed = true;
                continue;
            }
        };
        match page.apply_html(&text) {
            Ok(applied) => {
                for e in &applied.errors {
                    let _ = writeln!(stderr, "{}: {}", path.display(), one_line(&e.to_string()));
                }
                for effect in &applied.effects {
                    let _ = writeln!(stderr, "{}: {effect}", path.display());
                }
            }
            Err(e) => {
                let what = if strict && !e.is_message_level() {
                    "message rejected"
                } else {
                    "message dropped"
                };
                let _ = writeln!(
                    stderr,
                    "{}: {what}: {}",
                    path.display(),
                    one_line(&e.to_string())
                );
                if strict {
                    rejected = true;
                }
            }
        }
    }
    drop(stderr);
    print_html(&page.to_html())?;
    Ok(if failed || rejected {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Keeps a diagnostic on one line.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// `domorph morph --fragment OLD NEW [--children-only] [--report json]`.
fn morph_command(
    fragment: bool,
    files: &[PathBuf],
    children_only: bool,
    report: Option<&str>,
) -> Result<ExitCode, String> {
    if !fragment {
        return Err("whole-document morphs are not supported yet: pass --fragment".into());
    }
    let json = match report {
        None => false,
        Some("json") => true,
        Some(other) => return Err(format!("unknown report format {other:?} (expected json)")),
    };
    let [old_path, new_path] = files else {
        return Err("morph needs two files: OLD NEW".into());
    };
    let old = read_input(old_path)?;
    let new = read_input(new_path)?;
    let mut options = if children_only {
        MorphOptions::children_only()
    } else {
        MorphOptions::outer()
    };
    let result =
        morph_fragment(&old, &new, &mut options).map_err(|e| format!("morph failed: {e}"))?;
    if json {
        let out = serde_json::json!({ "html": result.html, "identity": result.identity });
        print_html(&out.to_string())?;
    } else {
        print_html(&result.html)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a file (or standard input for `-`) that must be UTF-8.
fn read_input(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "{} is not valid UTF-8 (first bad byte at offset {at})",
            if path == Path::new("-") {
                "standard input".to_owned()
            } else {
                path.display().to_string()
            }
        )
    })
}

fn print_html(html: &str) -> Result<(), String> {
    let mut out = io::stdout().lock();
    out.write_all(html.as_bytes())
        .and_then(|_| out.write_all(b"\n"))
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write standard output: {e}"))
}
