fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/articles");
    let mut one = String::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            one.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            one.push_str("\n\n");
        }
    }
    let text = one.repeat(30);
    let n = app::extract::extract_claims(&text).len();
    println!("{} bytes, {n} claims", text.len());
}
