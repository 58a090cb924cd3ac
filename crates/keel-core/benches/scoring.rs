//! Benchmark: scoring a complete 1000-point EFQM 2020 assessment, and a complete ISO 9001 one
//! (target: well under a millisecond each). Run with `cargo bench -p keel-core`.

use std::collections::BTreeMap;

use criterion::{criterion_group, criterion_main, Criterion};
use keel_core::framework::{builtin_framework, Framework, Scheme};
use keel_core::scoring::{score, Conformity, NodeScore, RadarScore};

fn complete(framework: &Framework) -> BTreeMap<String, NodeScore> {
    framework
        .nodes()
        .iter()
        .enumerate()
        .filter_map(|(i, node)| {
            let scheme = &framework.schemes()[node.scheme?];
            let value = (i % 21) as u8 * 5;
            let score = match scheme {
                Scheme::Radar { elements, .. } => NodeScore::Radar(RadarScore {
                    attributes: elements.iter().flat_map(|e| &e.attributes).map(|a| (a.id.clone(), value)).collect(),
                    assessor_override: None,
                }),
                _ => NodeScore::Conformity(if i % 3 == 0 { Conformity::Partially } else { Conformity::Conforming }),
            };
            Some((node.id.clone(), score))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    for id in ["efqm-2020", "iso-9001-2015"] {
        let framework = builtin_framework(id).expect("built-in");
        let weights = framework.default_weights();
        let scores = complete(framework);
        assert!(score(framework, &weights, &scores).expect("valid").complete);
        c.bench_function(&format!("score complete {id}"), |b| {
            b.iter(|| score(framework, &weights, std::hint::black_box(&scores)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
