fn main() {
    console_error_panic_hook::set_once();
    tongban_web::mount(tongban_web::routes::verify);
}
