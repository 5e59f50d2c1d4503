//! Applications: forms as data, drafts saved page by page, the signed declaration and the
//! submission, and the timeline of what happened after.

mod forms;
mod handlers;

pub use forms::seed as seed_forms;
pub use handlers::routes;
