//! The `errdocs` command: a thin layer over the library (see `errdocs::cli`).

fn main() -> std::process::ExitCode {
    errdocs::cli::main()
}
