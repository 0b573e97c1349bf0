//! Entity extraction scored on the gold set `tests/gold/ner_gold.txt`, and its speed.

use lexiscope::analysis::entities::{Extractor, evaluate_gold};
use lexiscope::jobs::CancelToken;

const GOLD: &str = include_str!("../gold/ner_gold.txt");

/// The micro-F1 reached when the floor was set (0.935 on 70 passages, 713 mentions), rounded down
/// by about 0.02.
const MICRO_F1_FLOOR: f64 = 0.91;

#[test]
fn gold_set_is_large_enough() {
    let passages = lexiscope::analysis::entities::eval::parse_gold(GOLD);
    let mentions: usize = passages.iter().map(|p| p.mentions.len()).sum();
    assert!(passages.len() >= 40, "{} passages", passages.len());
    assert!(mentions >= 600, "{mentions} mentions");
}

#[test]
fn gold_micro_f1_stays_above_the_floor() {
    let report = evaluate_gold(GOLD);
    println!("{report}");
    for (p, s, k) in &report.missed {
        println!("missed   #{p:<3} {:<13} {s}", k.as_str());
    }
    for (p, s, k) in &report.spurious {
        println!("spurious #{p:<3} {:<13} {s}", k.as_str());
    }
    assert!(report.micro.f1() >= MICRO_F1_FLOOR, "{report}");
}

/// Speed on the bundled State of the Union sample (release mode:
/// `cargo test --release --no-default-features --test integration -- --ignored --nocapture speed`).
#[test]
#[ignore]
fn extraction_speed_on_sotu() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut texts: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    texts.sort();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let bytes: usize = refs.iter().map(|t| t.len()).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let start = std::time::Instant::now();
    let ce = pool.install(|| {
        Extractor::bundled()
            .extract_corpus(&refs, &CancelToken::new())
            .expect("ok")
    });
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{:.1} MB in {secs:.2}s on one thread: {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    let mut counts = vec![0u64; ce.entities.len()];
    for ms in &ce.mentions {
        for m in ms {
            counts[m.entity as usize] += 1;
        }
    }
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(counts[i]));
    for &i in order.iter().take(50) {
        println!(
            "{:>6} {:<13} {}",
            counts[i],
            ce.entities[i].kind.as_str(),
            ce.entities[i].name
        );
    }
}
