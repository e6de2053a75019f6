//! Extraction throughput on one core: ordinary prose (the shared corpus's real articles, read in
//! place, or our synthetic fixtures when it is absent, repeated to 1 MB) against adversarial
//! inputs of the same size (see `tests/support/adversarial.rs`).
//! `cargo bench -p app --features ssr --bench extract`; results in BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../tests/support/adversarial.rs"]
mod adversarial;

const SIZE: usize = 1 << 20;

fn texts_in(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            texts_in(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn prose() -> (String, &'static str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    texts_in(&root.join("../../shared/corpus"), &mut files);
    let source = if files.is_empty() {
        texts_in(&root.join("../tests/fixtures/articles"), &mut files);
        "synthetic fixtures"
    } else {
        "shared corpus"
    };
    files.sort();
    let mut one = String::new();
    for p in files {
        one.push_str(&std::fs::read_to_string(&p).expect("article"));
        one.push_str("\n\n");
    }
    let mut text = String::with_capacity(SIZE + one.len());
    while text.len() < SIZE {
        text.push_str(&one);
    }
    (text, source)
}

fn bench(c: &mut Criterion) {
    let (text, source) = prose();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function(format!("prose_1MB ({source})"), |b| {
        b.iter(|| app::extract::extract_claims(std::hint::black_box(&text)))
    });
    for (name, input) in adversarial::adversarial(SIZE) {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(format!("adversarial_1MB/{name}"), |b| {
            b.iter(|| app::extract::extract_claims(std::hint::black_box(&input)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
