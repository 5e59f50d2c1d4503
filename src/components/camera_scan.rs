use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::Button;
use crate::i18n::*;

stylance::import_style!(style, "camera_scan.module.css");

#[wasm_bindgen]
extern "C" {
    /// The Shape Detection API's barcode reader, where the browser has one.
    type BarcodeDetector;
    #[wasm_bindgen(constructor, catch)]
    fn new(options: &JsValue) -> Result<BarcodeDetector, JsValue>;
    #[wasm_bindgen(method)]
    fn detect(this: &BarcodeDetector, source: &web_sys::HtmlVideoElement) -> js_sys::Promise;
}

/// How often a frame of the camera's picture is looked at.
const LOOK_EVERY: Duration = Duration::from_millis(300);

fn supported() -> bool {
    web_sys::window().is_some_and(|window| {
        js_sys::Reflect::has(&window, &JsValue::from_str("BarcodeDetector")).unwrap_or(false) && window.navigator().media_devices().is_ok()
    })
}

async fn open_camera() -> Result<web_sys::MediaStream, JsValue> {
    let devices = web_sys::window().ok_or(JsValue::NULL)?.navigator().media_devices()?;
    let constraints = web_sys::MediaStreamConstraints::new();
    let video = js_sys::Object::new();
    js_sys::Reflect::set(&video, &"facingMode".into(), &"environment".into())?;
    constraints.set_video(&video);
    JsFuture::from(devices.get_user_media_with_constraints(&constraints)?).await?.dyn_into()
}

fn qr_detector() -> Result<BarcodeDetector, JsValue> {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"formats".into(), &js_sys::Array::of1(&"qr_code".into()))?;
    BarcodeDetector::new(&options)
}

/// The text of the first code in view, if any.
async fn read_frame(detector: &BarcodeDetector, video: &web_sys::HtmlVideoElement) -> Option<String> {
    let found: js_sys::Array = JsFuture::from(detector.detect(video)).await.ok()?.dyn_into().ok()?;
    js_sys::Reflect::get(&found.get(0), &"rawValue".into()).ok()?.as_string().filter(|text| !text.is_empty())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Camera {
    Off,
    Opening,
    Looking,
    Failed,
}

fn stop_tracks(stream: &web_sys::MediaStream) {
    stream.get_tracks().for_each(&mut |track, _, _| track.unchecked_into::<web_sys::MediaStreamTrack>().stop());
}

/// Reads a shown code with the camera, where the browser can read QR codes itself; elsewhere it
/// is not offered and the code is typed or pasted.
#[component]
pub fn CameraScan(on_code: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let camera = RwSignal::new(Camera::Off);
    let video = NodeRef::<leptos::html::Video>::new();
    let stream = StoredValue::new_local(None::<web_sys::MediaStream>);
    let looking = StoredValue::new_local(None::<IntervalHandle>);
    let stop = move || {
        if let Some(handle) = looking.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if let Some(stream) = stream.try_update_value(Option::take).flatten() {
            stop_tracks(&stream);
        }
    };
    on_cleanup(stop);
    let start = Callback::new(move |()| {
        // One camera at a time: a second press while it opens does nothing.
        if matches!(camera.get_untracked(), Camera::Opening | Camera::Looking) {
            return;
        }
        camera.set(Camera::Opening);
        spawn_local(async move {
            let Ok(detector) = qr_detector() else {
                camera.try_set(Camera::Failed);
                return;
            };
            let Ok(opened) = open_camera().await else {
                camera.try_set(Camera::Failed);
                return;
            };
            // Stopped, or the page left, while the camera was opening: it goes off again at once.
            let element = video.try_get_untracked().flatten();
            let (Some(element), Some(Camera::Opening)) = (element, camera.try_get_untracked()) else {
                stop_tracks(&opened);
                return;
            };
            element.set_src_object(Some(&opened));
            let _ = element.play();
            stream.set_value(Some(opened));
            camera.set(Camera::Looking);
            let detector = std::rc::Rc::new(detector);
            let busy = StoredValue::new_local(false);
            let look = move || {
                if busy.get_value() {
                    return;
                }
                busy.set_value(true);
                let (detector, element) = (detector.clone(), element.clone());
                spawn_local(async move {
                    if let Some(text) = read_frame(&detector, &element).await {
                        stop();
                        camera.try_set(Camera::Off);
                        on_code.run(text);
                    }
                    busy.try_set_value(false);
                });
            };
            looking.set_value(set_interval_with_handle(look, LOOK_EVERY).ok());
        });
    });
    let cancel = Callback::new(move |()| {
        stop();
        camera.set(Camera::Off);
    });
    supported().then(|| {
        view! {
            <div class=style::scan>
                <Show when=move || matches!(camera.get(), Camera::Off | Camera::Failed)>
                    <Button secondary=true on_click=start>{t!(i18n, scan_start)}</Button>
                </Show>
                <Show when=move || camera.get() == Camera::Failed>
                    <p class=style::failed role="alert">{t!(i18n, scan_failed)}</p>
                </Show>
                <div class=style::viewer hidden=move || !matches!(camera.get(), Camera::Opening | Camera::Looking)>
                    <video node_ref=video class=style::video muted=true playsinline=true aria-label=move || t_string!(i18n, scan_video) />
                    <p aria-live="polite">{move || (camera.get() == Camera::Looking).then(|| t!(i18n, scan_looking))}</p>
                    <Button secondary=true on_click=cancel>{t!(i18n, scan_stop)}</Button>
                </div>
            </div>
        }
    })
}
