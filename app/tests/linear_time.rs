//! Extraction takes time proportional to its input on every input, not only on prose: each
//! adversarial text (punctuation storms, one endless sentence, no spaces, a million quotation
//! marks, runs of numbers, names or dots) is extracted once at 16 times a small size and compared
//! with extracting the small text 16 times, in the same process, taking the best of three rounds.
//! Linear work gives a ratio near 1 and quadratic work 16; the bar is 4, so machine noise cannot
//! fail a linear extractor and a quadratic one cannot pass. No absolute time is asserted.

use std::time::{Duration, Instant};

use app::extract::extract_claims;

#[path = "support/adversarial.rs"]
mod adversarial;
use adversarial::adversarial;

fn time(f: impl Fn()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

#[test]
fn every_adversarial_input_takes_time_proportional_to_its_size() {
    const SMALL: usize = 4 * 1024;
    const FACTOR: usize = 16;
    let small = adversarial(SMALL);
    let large = adversarial(SMALL * FACTOR);
    let mut failures = Vec::new();
    for ((name, s), (_, l)) in small.iter().zip(&large) {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t_small = time(|| {
                for _ in 0..FACTOR {
                    std::hint::black_box(extract_claims(std::hint::black_box(s)));
                }
            });
            let t_large = time(|| {
                std::hint::black_box(extract_claims(std::hint::black_box(l)));
            });
            best = best.min(t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9));
        }
        println!("{name:<24} large / small×{FACTOR}: {best:.2}");
        if best > 4.0 {
            failures.push(format!("{name}: {best:.1}"));
        }
    }
    assert!(
        failures.is_empty(),
        "extraction grows faster than its input on: {}",
        failures.join(", ")
    );
}

#[test]
fn every_adversarial_input_keeps_exact_spans() {
    for (name, text) in adversarial(4096) {
        let chars: Vec<char> = text.chars().collect();
        for c in extract_claims(&text) {
            let slice: String = chars[c.span.start..c.span.end].iter().collect();
            assert_eq!(slice, c.quote, "{name}");
        }
    }
}
