//! One customer service on the person's side: "Contact us", their tickets, and each ticket's
//! timeline with replies and the rating once it is closed.

mod contact_page;
pub mod labels;
mod my_tickets_page;
mod ticket_page;
mod ticket_timeline;

pub use contact_page::ContactPage;
pub use my_tickets_page::MyTicketsPage;
pub use ticket_page::TicketPage;
pub use ticket_timeline::TicketTimeline;
