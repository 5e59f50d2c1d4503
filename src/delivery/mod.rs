//! Getting a decided application's result: collected at a window by its pick-up code, or posted
//! by courier and followed to the door.

mod hand_over_page;
mod pickup_panel;
mod shipment_panel;

pub use hand_over_page::HandOverPage;
pub use pickup_panel::PickupPanel;
pub use shipment_panel::ShipmentPanel;

/// A pick-up code as it is read aloud and typed: two groups of four.
fn spaced(code: &str) -> String {
    match code.split_at_checked(4) {
        Some((first, rest)) => format!("{first} {rest}"),
        None => code.to_string(),
    }
}
