//! The `errdocs` command: a thin layer over the library (see `errdocs::cli`).

// Parsing and rendering allocate many small strings on every thread; mimalloc's
// thread-local heaps make that markedly cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    errdocs::cli::main()
}
