//! Getting a decided application's result: collected at a window by its pick-up code.

mod hand_over_page;
mod pickup_panel;

pub use hand_over_page::HandOverPage;
pub use pickup_panel::PickupPanel;

/// A pick-up code as it is read aloud and typed: two groups of four.
fn spaced(code: &str) -> String {
    match code.split_at_checked(4) {
        Some((first, rest)) => format!("{first} {rest}"),
        None => code.to_string(),
    }
}
