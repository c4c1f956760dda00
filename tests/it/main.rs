//! Integration tests: real sites built into temp folders, and the `errdocs` binary run
//! as users run it. One test binary (faster to link); a module per area.

mod support;

mod build;
mod search;
mod theme;
mod validation;
