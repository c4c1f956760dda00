//! Integration tests: real sites built into temp folders, and the `errdocs` binary run
//! as users run it. One test binary (faster to link); a module per area.

mod support;

mod build;
mod contributors;
mod faults;
mod fuzz;
mod hostile;
mod injection;
mod markup;
mod publishing;
mod rules;
mod search;
mod serve;
mod shipped;
mod theme;
mod validation;
