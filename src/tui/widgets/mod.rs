//! Reusable pieces of the screens: the frame (title bar, tabs, hints, status), charts, the help
//! overlay, the one-line text input, and display-width text helpers.
pub mod charts;
pub mod chrome;
pub mod help;
pub mod input;
pub mod text;
