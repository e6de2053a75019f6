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

/// The articles, repeated until they hold 1 MB, and where they came from.
fn prose() -> (Vec<String>, &'static str) {
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
    let one: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("article"))
        .collect();
    assert!(!one.is_empty(), "no articles to read");
    let mut articles = Vec::new();
    let mut bytes = 0;
    while bytes < SIZE {
        for a in &one {
            bytes += a.len() + 2;
            articles.push(a.clone());
        }
    }
    (articles, source)
}

fn bench(c: &mut Criterion) {
    let (articles, source) = prose();
    // One text of 1 MB: the worst case of an article, every sentence read before any is decided.
    let text = articles.join("\n\n");
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function(format!("prose_1MB ({source})"), |b| {
        b.iter(|| app::extract::extract_claims(std::hint::black_box(&text)))
    });
    // The same articles as they arrive: one at a time (the separators above are not counted).
    g.throughput(Throughput::Bytes(
        articles.iter().map(|a| a.len() as u64).sum(),
    ));
    g.bench_function(format!("prose_1MB_by_article ({source})"), |b| {
        b.iter(|| {
            for a in &articles {
                std::hint::black_box(app::extract::extract_claims(std::hint::black_box(a)));
            }
        })
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
