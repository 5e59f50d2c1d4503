use leptos::prelude::*;
use qrcodegen::{QrCode as Qr, QrCodeEcc};

stylance::import_style!(style, "qr_code.module.css");

/// Modules of white border around the code, as scanners expect.
const QUIET_ZONE: i32 = 4;

/// `text` as a QR code drawn in SVG: an image whose `label` says what it holds, so it is never
/// the only way to the text.
#[component]
pub fn QrCode(#[prop(into)] text: Signal<String>, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let drawn = move || {
        let code = Qr::encode_text(&text.read(), QrCodeEcc::Medium).ok()?;
        let size = code.size();
        let mut path = String::new();
        for y in 0..size {
            for x in 0..size {
                if code.get_module(x, y) {
                    path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
                }
            }
        }
        Some((size + 2 * QUIET_ZONE, path))
    };
    move || {
        drawn().map(|(side, path)| {
            view! {
                <svg class=style::code role="img" aria-label=label viewBox=format!("0 0 {side} {side}") shape-rendering="crispEdges">
                    <rect width=side height=side fill="#fff" />
                    <path d=path fill="#000" />
                </svg>
            }
        })
    }
}
