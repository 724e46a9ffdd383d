use super::*;
use crate::acquire::{draft::assemble, Fact, Facts};

/// A White House readout's facts, as the `whitehouse` profile reads them.
fn facts(date: &str, title: &str, text: &str) -> Facts {
    Facts {
        publisher: Some(Fact::new("The White House", "profile")),
        country: Some(Fact::new("US", "profile")),
        lang: Some(Fact::new("en", "profile")),
        kind: Fact::new("readout", "title"),
        slug: "whitehouse".into(),
        title: Some(Fact::new(title, "h1")),
        date: Some(Fact::new(date, "time")),
        paragraphs: vec![text.to_string()],
        layout: "whitehouse".into(),
    }
}

fn statement_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every title, date and URL of the 1,214 real readouts (fixtures/acquire):
/// each page gets its own statement file, and a second run keeps every id.
#[test]
fn every_real_white_house_readout_gets_its_own_id() {
    let rows = include_str!("../../../fixtures/acquire/whitehouse-readouts-2021-2026.tsv");
    let rows: Vec<Vec<&str>> = rows
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 1214);
    let dir = tempfile::tempdir().unwrap();
    let mut first = Vec::new();
    for run in 0..2 {
        let mut folder = Folder::open(dir.path()).unwrap();
        for (i, row) in rows.iter().enumerate() {
            let mut draft = assemble(facts(row[0], row[1], "Text."), Some(row[2]), row[2]);
            let placed = folder.write(&mut draft).unwrap();
            let name = placed
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if run == 0 {
                first.push(name);
            } else {
                assert!(placed.moved_from.is_none(), "{name}");
                assert_eq!(name, first[i], "a page keeps its id");
            }
        }
    }
    let names = statement_files(dir.path());
    assert_eq!(names.len(), 1214, "one statement file per page");
    let mut unique = first.clone();
    unique.sort();
    assert_eq!(unique, names, "the second run wrote the same files");
}

#[test]
fn the_same_opening_words_on_one_day_get_more_of_the_title_then_a_hash() {
    let dir = tempfile::tempdir().unwrap();
    let mut folder = Folder::open(dir.path()).unwrap();
    let base = "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/04/16/";
    let mut write = |title: &str, url: &str, text: &str| {
        let mut draft = assemble(facts("2021-04-16", title, text), Some(url), url);
        folder.write(&mut draft).unwrap()
    };
    let who = [
        "Prime Minister Kishida",
        "President Macron",
        "Chancellor Scholz",
    ];
    let placed: Vec<Placed> = who
        .iter()
        .map(|w| {
            let title = format!("Readout of President Joseph R. Biden Jr.’s Call with {w}");
            write(&title, &format!("{base}{}/", w.replace(' ', "-")), "Text.")
        })
        .collect();
    let stem = |p: &Placed| p.path.file_stem().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        stem(&placed[0]),
        "whitehouse-2021-04-16-readout-of-president-joseph-r-biden"
    );
    assert_eq!(
        stem(&placed[1]),
        "whitehouse-2021-04-16-readout-of-president-joseph-r-biden-jr"
    );
    assert_eq!(
        (stem(&placed[2]), placed[2].moved_from.clone().unwrap()),
        (
            "whitehouse-2021-04-16-readout-of-president-joseph-r-biden-jr-s".into(),
            (
                "whitehouse-2021-04-16-readout-of-president-joseph-r-biden".into(),
                format!("{base}Prime-Minister-Kishida/")
            )
        )
    );
    let text = std::fs::read_to_string(&placed[2].path).unwrap();
    assert!(
        text.contains("id = \"whitehouse-2021-04-16-readout-of-president-joseph-r-biden-jr-s\""),
        "{text}"
    );
    // A short title twice: no more words to add, so a hash of the address.
    let short = write("Readout of a Call", &format!("{base}one/"), "Text.");
    let other = write("Readout of a Call", &format!("{base}two/"), "Text.");
    let hash = xxhash_rust::xxh3::xxh3_64(format!("url:{base}two/").as_bytes()) as u32;
    assert_eq!(
        stem(&other),
        format!("{}-{hash:08x}", stem(&short)),
        "the second page's id ends with a hash of its address"
    );
    // The first page again, with new text: its own file, updated.
    let title = format!(
        "Readout of President Joseph R. Biden Jr.’s Call with {}",
        who[0]
    );
    let updated = write(
        &title,
        &format!("{base}Prime-Minister-Kishida/"),
        "New text.",
    );
    assert_eq!(
        (updated.path.clone(), updated.moved_from),
        (placed[0].path.clone(), None)
    );
    assert_eq!(statement_files(dir.path()).len(), 5);
}

#[test]
fn temporary_files_of_gone_processes_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    // A process that has exited: its id is free (and not reused this fast).
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let gone = child.id();
    child.wait().unwrap();
    let stale = dir.path().join(format!(".x.md.{gone}.tmp"));
    let ours = dir.path().join(format!(".y.md.{}.tmp", std::process::id()));
    let other = dir.path().join(".notes.tmp");
    for p in [&stale, &ours, &other] {
        std::fs::write(p, "partial").unwrap();
    }
    Folder::open(dir.path()).unwrap();
    if Path::new("/proc/self").exists() {
        assert!(!stale.exists(), "a dead process's file is removed");
    }
    assert!(ours.exists() && other.exists(), "others are left alone");
    let state = dir.path().join("index.update-state.json");
    let stale_state = dir
        .path()
        .join(format!(".index.update-state.json.{gone}.tmp"));
    std::fs::write(&stale_state, "{").unwrap();
    remove_stale_temps(&state);
    if Path::new("/proc/self").exists() {
        assert!(!stale_state.exists());
    }
}
