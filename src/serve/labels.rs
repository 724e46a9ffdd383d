//! Short labels for facet values that keep what tells them apart: a value
//! too wide for its column is cut from the middle, never at its end, and the
//! cut falls after the part it shares with another value of the same facet
//! ("The White House (bide…gov)" beside "The White House (www.…gov)",
//! not two "The White House (…"). The page puts the whole value in a `title`.

use unicode_width::UnicodeWidthChar;

/// Columns a facet label may take (a CJK character is two).
pub const LABEL_COLUMNS: usize = 26;

fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Characters both strings begin with.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The first `n` characters of `chars` whose columns fit `columns`.
fn head(chars: &[char], columns: usize) -> usize {
    let mut used = 0;
    chars
        .iter()
        .take_while(|c| {
            used += width(**c);
            used <= columns
        })
        .count()
}

/// `value` cut from the middle to at most `columns` columns, keeping its
/// start up to `shared` characters (the part another value also begins with)
/// and a few characters past it, and as much of its end as fits.
fn cut(value: &str, shared: usize, columns: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    let total: usize = chars.iter().copied().map(width).sum();
    if total <= columns {
        return value.to_string();
    }
    let room = columns.saturating_sub(1);
    // Keep the shared start and six characters after it, but leave at least
    // four columns for the end.
    let lead: usize = chars.iter().take(shared + 6).copied().map(width).sum();
    let head_columns = lead.max(room / 2).min(room.saturating_sub(4));
    let h = head(&chars, head_columns);
    let used: usize = chars[..h].iter().copied().map(width).sum();
    let mut tail_columns = room - used;
    let mut t = 0;
    for c in chars[h..].iter().rev() {
        if width(*c) > tail_columns {
            break;
        }
        tail_columns -= width(*c);
        t += 1;
    }
    let mut out: String = chars[..h].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - t..]);
    out
}

/// A label for each value: the value itself when it fits `columns`, else cut
/// from the middle after the start it shares with another value. Labels
/// that would still be alike are the whole values (the page wraps them).
pub fn labels(values: &[&str], columns: usize) -> Vec<String> {
    let out: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let shared = values
                .iter()
                .enumerate()
                .filter(|(j, w)| *j != i && *w != v)
                .map(|(_, w)| common_prefix(v, w))
                .max()
                .unwrap_or(0);
            cut(v, shared, columns)
        })
        .collect();
    out.iter()
        .zip(values)
        .map(|(label, value)| {
            let alike = out
                .iter()
                .zip(values)
                .any(|(l, w)| l == label && w != value);
            if alike {
                value.to_string()
            } else {
                label.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(s: &str) -> usize {
        s.chars().map(width).sum()
    }

    #[test]
    fn two_hosts_of_one_publisher_stay_apart() {
        let values = [
            "The White House (bidenwhitehouse.archives.gov)",
            "The White House (www.whitehouse.gov)",
            "Xinhua News Agency",
        ];
        let got = labels(&values, LABEL_COLUMNS);
        assert_eq!(got[2], "Xinhua News Agency", "a short value is whole");
        assert_ne!(got[0], got[1]);
        for (label, value) in got.iter().zip(values).take(2) {
            assert!(columns(label) <= LABEL_COLUMNS, "{label}");
            assert!(label.starts_with("The White House ("), "{label}");
            assert!(label.ends_with("gov)"), "the end is kept: {label}");
            // What tells them apart, the host, is in view past the shared start.
            let host = &value["The White House (".len()..];
            let after = &label["The White House (".len()..];
            assert!(
                host.starts_with(after.split('…').next().unwrap()),
                "{label}"
            );
            assert!(
                after.split('…').next().unwrap().chars().count() >= 4,
                "{label}"
            );
        }
        assert_eq!(got[0], "The White House (bide…gov)");
        assert_eq!(got[1], "The White House (www.…gov)");
    }

    #[test]
    fn wide_characters_count_twice_and_the_cut_is_in_the_middle() {
        let value = "中华人民共和国外交部发言人办公室答记者问的全文";
        let got = labels(&[value], 20);
        assert!(columns(&got[0]) <= 20, "{}", got[0]);
        assert!(
            got[0].starts_with("中华人民") && got[0].ends_with("全文"),
            "{}",
            got[0]
        );
        assert!(got[0].contains('…'));
    }

    #[test]
    fn labels_that_would_be_alike_are_whole() {
        // Shared start longer than the column and the same end: no cut tells
        // them apart, so both are whole.
        let a = "A very long shared publisher name, part one (x) end";
        let b = "A very long shared publisher name, part one (y) end";
        let got = labels(&[a, b], 12);
        assert_ne!(got[0], got[1]);
        assert!(got[0] == a || got[0].contains('x'), "{}", got[0]);
    }
}
