//! The `stationdesk` binary: parse the command line and hand over to the library.
#![forbid(unsafe_code)]

fn main() {
    let code = stationdesk::cli::main_with_args(std::env::args_os());
    std::process::exit(code);
}
