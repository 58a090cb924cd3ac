//! The PDF report read back as paper and as an archival, accessible file: body lines fill the
//! measure, no text anywhere is below 8 pt, numbers align on the right, dates stay whole, no
//! word is drawn twice over itself (the spread chart has one label per row), and the file says
//! it is PDF/A-2 and PDF/UA-1 in its XMP metadata, is tagged with a structure tree and has an
//! outline. Word positions come from poppler's `pdftotext -bbox` (poppler-utils), text sizes
//! from the content streams through lopdf. Every built-in framework and a deep custom one.

use std::collections::BTreeMap;
use std::process::Command;

use keel_core::demo;
use keel_core::exchange::ExchangeFile;
use keel_core::framework::builtin;
use keel_core::scoring::NodeScore;
use keel_export::{report_pdf, Pack, Scored};
use lopdf::{Document, Object};

mod support;
use support::{efqm_pack, iso_pack};

/// A test assessment of `framework` in the year given, every assessable node scored in its own
/// scheme, three assessors who sometimes disagree.
fn test_file(framework: &keel_core::Framework, year: i32) -> ExchangeFile {
    let mut file = demo::load_test_assessment(framework, year, 3);
    let score = |i: usize, shift: usize| {
        let node = &framework.nodes()[i];
        let scheme = &framework.schemes()[node.scheme.expect("assessable")];
        NodeScore::nearest(scheme, ((i * 37 + shift * 23 + year as usize) % 100) as f64)
    };
    let assessable: Vec<usize> =
        (0..framework.nodes().len()).filter(|&i| framework.nodes()[i].is_assessable()).collect();
    for &i in &assessable {
        let id = framework.nodes()[i].id.clone();
        if let Some(agreed) = file.consensus.get_mut(&id) {
            agreed.score = score(i, 0);
        }
        for (a, own) in file.scores.values_mut().enumerate() {
            own.insert(id.clone(), score(i, a * (i % 3)));
        }
    }
    file
}

/// A test assessment of `framework` with two earlier years and three assessors.
fn test_pack(framework: &keel_core::Framework) -> Pack {
    let mut history: Vec<Scored> =
        (2023..=2025).map(|year| Scored::new(test_file(framework, year), framework.clone()).expect("scores")).collect();
    let current = history.pop().expect("current");
    Pack { current, earlier: history, date: "2026-11-24".into(), counterpart: None }
}

/// A word as poppler places it: page, box and text.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).expect("attribute") + key.len();
    tag[start..].split('"').next().and_then(|v| v.parse().ok()).expect("number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn words(pdf: &[u8]) -> Vec<Word> {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = Command::new("pdftotext")
        .args(["-bbox", path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).expect("utf-8");
    let mut page = 0;
    let mut found = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').expect("word tag");
            let text = unescape(text.trim_end_matches("</word>"));
            let w = Word {
                page,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text,
            };
            found.push(w);
        }
    }
    found
}

/// Words grouped into lines: same page, same baseline (bottom within half a point).
fn lines(words: &[Word]) -> Vec<Vec<Word>> {
    let mut by_line: BTreeMap<(usize, i64), Vec<Word>> = BTreeMap::new();
    for w in words {
        by_line.entry((w.page, (w.y1 * 2.0).round() as i64)).or_default().push(w.clone());
    }
    by_line
        .into_values()
        .map(|mut l| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            l
        })
        .collect()
}

const MARGIN: f64 = 56.0;
const RIGHT: f64 = 595.28 - 56.0;

/// Every body line (a paragraph's at the margin, a bullet's after its bullet) followed by more
/// of the same paragraph reaches 90 % of the measure. A paragraph's lines are 1.4 × the size
/// apart; the next paragraph or bullet starts further down or with a bullet.
fn check_measure(pdf: &[u8], what: &str) -> usize {
    let lines = lines(&words(pdf));
    let mut checked = 0;
    for pair in lines.windows(2) {
        let (line, next) = (&pair[0], &pair[1]);
        let body: Vec<&Word> = line.iter().filter(|w| w.text != "•").collect();
        let (Some(first), Some(last)) = (body.first(), body.last()) else { continue };
        let height = first.y1 - first.y0;
        let left = first.x0;
        let is_body = ((left - MARGIN).abs() < 0.6 || (left - MARGIN - 14.0).abs() < 0.6) && height < 15.0;
        let next_first = &next[0];
        let continues = next_first.page == first.page
            && next_first.text != "•"
            && (next_first.x0 - left).abs() < 0.6
            && (next_first.y1 - first.y1) > 0.0
            && (next_first.y1 - first.y1) < height * 1.5
            && (next_first.y1 - next_first.y0 - height).abs() < 0.5;
        if is_body && continues {
            let measure = RIGHT - left;
            let reach = last.x1 - left;
            let text: Vec<&str> = line.iter().map(|w| w.text.as_str()).collect();
            assert!(
                reach >= 0.9 * measure,
                "{what}: page {} line {:?} reaches {reach:.1} of {measure:.1} pt",
                first.page,
                text.join(" ")
            );
            checked += 1;
        }
    }
    checked
}

fn multiply_det(det: f64, operands: &[Object]) -> f64 {
    let v: Vec<f64> = operands.iter().filter_map(|o| o.as_float().ok().map(f64::from)).collect();
    if v.len() >= 4 {
        det * (v[0] * v[3] - v[1] * v[2])
    } else {
        det
    }
}

/// The smallest text size anywhere, in points as printed: the font size times the scale of the
/// text matrix and of every transformation it is drawn under (form XObjects included).
fn smallest_text(doc: &Document, content: &[u8], resources: Option<&lopdf::Dictionary>, ctm: f64, smallest: &mut f64) {
    let content = lopdf::content::Content::decode(content).expect("content stream decodes");
    let mut stack = vec![ctm];
    let mut det = ctm;
    let (mut size, mut tm) = (0.0f64, 1.0f64);
    for op in &content.operations {
        match op.operator.as_str() {
            "q" => stack.push(det),
            "Q" => det = stack.pop().unwrap_or(ctm),
            "cm" => det = multiply_det(det, &op.operands),
            "BT" => tm = 1.0,
            "Tm" => tm = multiply_det(1.0, &op.operands),
            "Tf" => size = op.operands.get(1).and_then(|o| o.as_float().ok()).map(f64::from).unwrap_or(0.0),
            "Tj" | "TJ" | "'" | "\"" => {
                let printed = size * (tm * det).abs().sqrt();
                *smallest = smallest.min(printed);
            }
            "Do" => {
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else { continue };
                let Some(xobjects) =
                    resources.and_then(|r| r.get_deref(b"XObject", doc).ok()).and_then(|o| o.as_dict().ok())
                else {
                    continue;
                };
                let Ok(Object::Stream(form)) = xobjects.get_deref(name, doc) else { continue };
                if form.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Form".as_slice()) {
                    continue;
                }
                let inner =
                    form.dict.get(b"Matrix").and_then(|m| m.as_array()).map(|m| multiply_det(det, m)).unwrap_or(det);
                let own = form.dict.get_deref(b"Resources", doc).ok().and_then(|r| r.as_dict().ok()).or(resources);
                let bytes = form.decompressed_content().unwrap_or_else(|_| form.content.clone());
                smallest_text(doc, &bytes, own, inner, smallest);
            }
            _ => {}
        }
    }
}

/// The smallest printed text size and the page it is on.
fn smallest_text_in(pdf: &[u8]) -> (f64, u32) {
    let doc = Document::load_mem(pdf).expect("parses");
    let mut smallest = (f64::INFINITY, 0);
    for (number, page) in doc.get_pages() {
        let content = doc.get_page_content(page);
        let resources = doc.get_page_resources(page).expect("resources").0;
        // krilla flips the page: the first cm has determinant −1; the size is its absolute value.
        let mut on_page = f64::INFINITY;
        smallest_text(&doc, &content, resources, 1.0, &mut on_page);
        if on_page < smallest.0 {
            smallest = (on_page, number);
        }
    }
    smallest
}

fn catalog_has(pdf: &[u8], key: &[u8]) -> bool {
    let doc = Document::load_mem(pdf).expect("parses");
    doc.catalog().expect("catalog").has(key)
}

fn outline_count(pdf: &[u8]) -> usize {
    let doc = Document::load_mem(pdf).expect("parses");
    let outlines =
        doc.catalog().and_then(|c| c.get_deref(b"Outlines", &doc)).and_then(|o| o.as_dict()).expect("outline");
    let mut count = 0;
    let mut next = outlines.get(b"First").and_then(|f| f.as_reference()).ok();
    while let Some(id) = next {
        count += 1;
        next = doc.get_dictionary(id).ok().and_then(|d| d.get(b"Next").and_then(|n| n.as_reference()).ok());
    }
    count
}

fn xmp(pdf: &[u8]) -> String {
    let doc = Document::load_mem(pdf).expect("parses");
    let stream = doc.catalog().and_then(|c| c.get_deref(b"Metadata", &doc)).and_then(|m| m.as_stream()).expect("XMP");
    String::from_utf8_lossy(&stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())).into_owned()
}

/// No word is drawn twice at the same place (a label over itself garbles it).
fn check_no_double_words(pdf: &[u8], what: &str) {
    let mut seen = std::collections::HashSet::new();
    for w in words(pdf) {
        let key = (w.page, (w.x0 * 2.0).round() as i64, (w.y0 * 2.0).round() as i64, w.text.clone());
        assert!(
            seen.insert(key),
            "{what}: {:?} is drawn twice at ({:.1}, {:.1}) on page {}",
            w.text,
            w.x0,
            w.y0,
            w.page
        );
    }
}

fn check_archival_and_accessible(pdf: &[u8], what: &str) {
    let meta = xmp(pdf);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>") || meta.contains("pdfaid:part=\"2\""),
        "{what}: PDF/A-2 in XMP"
    );
    assert!(meta.contains("pdfuaid:part>1<") || meta.contains("pdfuaid:part=\"1\""), "{what}: PDF/UA-1 in XMP");
    assert!(meta.contains("Management review"), "{what}: the title in XMP");
    assert!(catalog_has(pdf, b"StructTreeRoot"), "{what}: tagged with a structure tree");
    assert!(catalog_has(pdf, b"MarkInfo") && catalog_has(pdf, b"Lang"), "{what}: marked, language set");
    assert!(catalog_has(pdf, b"ViewerPreferences"), "{what}: the document title is shown");
}

/// Every section heading (16 pt) and chart or sub-heading (12 pt, bold) has something after it
/// on its page: none is left alone at the foot of a page.
fn check_headings_kept_with_what_follows(pdf: &[u8], what: &str) {
    let lines = lines(&words(pdf));
    for (i, line) in lines.iter().enumerate() {
        let first = &line[0];
        let height = first.y1 - first.y0;
        if (height - 16.0).abs() > 0.3 || first.y0 < 100.0 && first.page == 1 {
            continue;
        }
        let next = lines.get(i + 1).map(|l| &l[0]);
        let followed = next.is_some_and(|n| n.page == first.page && n.y1 < 841.89 - 56.0);
        let text: Vec<&str> = line.iter().map(|w| w.text.as_str()).collect();
        assert!(followed, "{what}: heading {:?} alone at the foot of page {}", text.join(" "), first.page);
    }
}

#[test]
fn the_efqm_report_fills_the_measure_prints_no_text_below_8_pt_and_is_pdf_a_and_ua() {
    let pdf = report_pdf(&efqm_pack(true)).expect("pdf");
    let checked = check_measure(&pdf, "EFQM");
    assert!(checked >= 5, "there are wrapped body lines to check: {checked}");
    let (smallest, page) = smallest_text_in(&pdf);
    assert!(smallest >= 7.99, "EFQM: text at {smallest:.2} pt on page {page}");
    check_archival_and_accessible(&pdf, "EFQM");
    assert!(outline_count(&pdf) >= 8, "a bookmark for every section: {}", outline_count(&pdf));
    check_no_double_words(&pdf, "EFQM");
    check_headings_kept_with_what_follows(&pdf, "EFQM");
}

#[test]
fn the_iso_report_pages_its_long_charts_and_shows_one_spread_label_per_row() {
    let pack = iso_pack();
    let pdf = report_pdf(&pack).expect("pdf");
    check_measure(&pdf, "ISO");
    let (smallest, page) = smallest_text_in(&pdf);
    assert!(smallest >= 7.99, "ISO: text at {smallest:.2} pt on page {page}");
    check_archival_and_accessible(&pdf, "ISO");
    check_no_double_words(&pdf, "ISO");
    check_headings_kept_with_what_follows(&pdf, "ISO");
    let text: String = words(&pdf).iter().map(|w| w.text.clone() + " ").collect();
    assert!(!text.contains("Criterion 4 ") && text.contains("Clause "), "ISO parts are clauses");
}

#[test]
fn numbers_align_on_the_right_and_dates_stay_whole() {
    let pdf = report_pdf(&efqm_pack(true)).expect("pdf");
    let all = words(&pdf);
    // The "Max" column of the scores table: every number ends at the same x.
    let numbers: Vec<&Word> =
        all.iter().filter(|w| w.text.ends_with(".0") && w.x1 > RIGHT - 10.0 && w.x1 <= RIGHT + 0.5).collect();
    assert!(numbers.len() >= 7, "max points column: {}", numbers.len());
    let (lo, hi) = numbers.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), w| (lo.min(w.x1), hi.max(w.x1)));
    assert!(hi - lo < 0.6, "right edges differ by {:.2} pt", hi - lo);
    for w in &all {
        assert!(
            !(w.text.len() == 8 && w.text.starts_with("202") && w.text.ends_with('-')),
            "a date is broken: {:?}",
            w.text
        );
    }
    assert!(all.iter().any(|w| w.text.len() == 10 && w.text.starts_with("202") && w.text.matches('-').count() == 2));
    assert!(
        all.iter().any(|w| w.text == "Ltd"
            && all.iter().any(|v| v.text == "Castings" && v.page == w.page && (v.y1 - w.y1).abs() < 0.5)),
        "the organisation's name stays on one line"
    );
}

#[test]
fn every_built_in_framework_and_a_deep_custom_one_give_a_conforming_report_with_no_small_text() {
    let mut frameworks: Vec<keel_core::Framework> = builtin().to_vec();
    frameworks.push(keel_core::framework::generated(12, 8));
    for framework in &frameworks {
        let pdf = report_pdf(&test_pack(framework)).unwrap_or_else(|e| panic!("{}: {e}", framework.id()));
        let (smallest, page) = smallest_text_in(&pdf);
        assert!(smallest >= 7.99, "{}: text at {smallest:.2} pt on page {page}", framework.id());
        check_archival_and_accessible(&pdf, framework.id());
        check_no_double_words(&pdf, framework.id());
        check_measure(&pdf, framework.id());
    }
}
