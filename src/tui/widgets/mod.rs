//! Reusable pieces of the screens: the frame (title bar, tabs, hints, status), charts, the help
//! overlay, the one-line text input, display-width text helpers and table column sizing.
pub mod charts;
pub mod chrome;
pub mod columns;
pub mod help;
pub mod input;
pub mod notice;
pub mod text;
