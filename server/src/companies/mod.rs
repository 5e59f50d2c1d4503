//! Companies acting through people: binding by the legal representative, agents with scopes, and
//! switching a session to act for a company. Everything is recorded as done by the person.

mod handlers;

pub use handlers::routes;
