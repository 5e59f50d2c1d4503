//! Parcels by courier and results at a window: a decided application's result collected by its
//! pick-up code or posted and followed to the door, and paper originals collected from the
//! applicant's door for the department.

mod case_originals;
mod hand_over_page;
mod originals_panel;
mod pickup_panel;
mod postal_address_fields;
mod shipment_details;
mod shipment_panel;

pub use case_originals::CaseOriginals;
pub use hand_over_page::HandOverPage;
pub use originals_panel::OriginalsPanel;
pub use pickup_panel::PickupPanel;
pub use postal_address_fields::PostalAddressFields;
pub use shipment_details::ShipmentDetails;
pub use shipment_panel::ShipmentPanel;

/// A pick-up code as it is read aloud and typed: two groups of four.
fn spaced(code: &str) -> String {
    match code.split_at_checked(4) {
        Some((first, rest)) => format!("{first} {rest}"),
        None => code.to_string(),
    }
}
