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
    /// Apply Turbo Stream messages to a page and print the result (not implemented yet).
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
    /// Morph old markup into new content as idiomorph does (not implemented yet).
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
        Command::Apply { .. } => Err("`apply` is not implemented yet".into()),
        Command::Morph {
            fragment,
            files,
            children_only,
            report,
        } => morph_command(fragment, &files, children_only, report.as_deref()),
        Command::Diff { .. } => Err("`diff` is not implemented yet".into()),
    }
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
