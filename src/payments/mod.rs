//! Paying fees: the fee lines of an application, the page that sends the payer to a channel's
//! cashier, the page that follows a payment to its end, the return from the cashier, and
//! refunds: the officer's form and the list both sides read; the officer assessing a fee; fiscal e-receipts, their payer's
//! list, and the page where anyone checks one.

mod assess_fee_form;
mod case_fees;
mod fee_lines;
mod labels;
mod pay_page;
mod payment_page;
mod receipt_check_page;
mod receipt_page;
mod receipt_sheet;
mod receipts_page;
mod reconciliation_page;
mod refund_form;
mod refund_list;
mod return_page;

pub use case_fees::CaseFees;
pub use fee_lines::FeeLines;
pub use pay_page::PayPage;
pub use payment_page::PaymentPage;
pub use receipt_check_page::ReceiptCheckPage;
pub use receipt_page::ReceiptPage;
pub use receipts_page::ReceiptsPage;
pub use reconciliation_page::ReconciliationPage;
pub use return_page::ReturnPage;
