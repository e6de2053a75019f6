//! Extraction throughput on real article text: every annotated article, repeated to about 1 MB.
//! `cargo bench -p app --bench extract`; results in BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/articles");
    let mut one = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.extension().is_some_and(|e| e == "txt") {
            one.push_str(&std::fs::read_to_string(&p).expect("article"));
            one.push_str("\n\n");
        }
    }
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&one);
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("articles_1MB", |b| {
        b.iter(|| app::extract::extract_claims(std::hint::black_box(&text)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
