//! 案件查询: finding a case by what a person remembers of it — its number (or the sequence at its
//! end), a party's name, the last digits of a party's phone, or words of its summary. A case is
//! indexed by its *terms* (`terms_of`, stored beside it when it is recorded); what a person types
//! is read as one kind of search (`Search::parse`), which names the terms to look up.

use crate::dispute::Party;
use std::collections::BTreeSet;

/// How many trailing digits of a phone number find it (people remember "尾号 5678").
pub const PHONE_TAIL: usize = 4;
/// The most characters a search reads; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 40;

/// A case number's terms, a party name's and a phone's: prefixes keep them apart in one index.
fn number_term(n: &str) -> String {
    format!("c:{n}")
}
fn name_term(name: &str) -> String {
    format!("n:{name}")
}
fn phone_term(digits: &str) -> String {
    format!("p:{digits}")
}
fn gram_term(gram: &str) -> String {
    format!("g:{gram}")
}

/// The pairs of adjacent characters in `text`'s words (runs of letters and digits; ASCII in
/// lower case), each once. Chinese is written without spaces, so a word of a summary is found by
/// its pairs — "漏水" by 漏水, "宅基地" by 宅基 and 基地 — whatever word the writer split it into.
/// A text of single characters has none.
pub fn grams(text: &str) -> BTreeSet<String> {
    let mut grams = BTreeSet::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
        for pair in chars.windows(2) {
            grams.insert(pair.iter().collect());
        }
    }
    grams
}

/// The digits of a phone number as people type it ("+86 138-1234-5678" → "8613812345678").
fn digits(value: &str) -> String {
    value.chars().filter(char::is_ascii_digit).collect()
}

/// `〈county〉-〈year〉-〈sequence〉`: a case number written out whole.
fn is_whole_number(typed: &str) -> bool {
    let parts: Vec<&str> = typed.split('-').collect();
    parts.len() == 3
        && !parts[0].is_empty()
        && parts[1].len() == 4
        && parts[1].chars().all(|c| c.is_ascii_digit())
        && !parts[2].is_empty()
        && parts[2].chars().all(|c| c.is_ascii_digit())
}

/// The sequence at the end of a case number, without its leading zeros ("…-000123" → "123").
fn sequence(number: &str) -> Option<&str> {
    let tail = number.rsplit('-').next()?.trim_start_matches('0');
    (!tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit())).then_some(tail)
}

/// The terms a case is found by: its whole number and the sequence at its end; each party's
/// name; each phone's whole digits and its last `PHONE_TAIL`; the summary's `grams`.
pub fn terms_of(number: &str, parties: &[Party], summary: &str) -> BTreeSet<String> {
    let mut terms: BTreeSet<String> = grams(summary).iter().map(|g| gram_term(g)).collect();
    terms.insert(number_term(number));
    if let Some(seq) = sequence(number) {
        terms.insert(number_term(seq));
    }
    for party in parties {
        let name = party.name.trim();
        if !name.is_empty() {
            terms.insert(name_term(name));
        }
        let phone = digits(party.phone.as_deref().unwrap_or_default());
        if phone.len() >= PHONE_TAIL {
            terms.insert(phone_term(&phone[phone.len() - PHONE_TAIL..]));
            terms.insert(phone_term(&phone));
        }
    }
    terms
}

/// What a person typed into the search box, read as the search it most likely is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Search {
    /// A case number or its sequence, or a phone's last digits or whole number — any of the
    /// terms matches.
    Digits { terms: Vec<String> },
    /// Anything else: a party's name (the term), or words the summary contains, each of them,
    /// in any order (typed apart by spaces: 「宠物狗 噪音」); a summary has them only if it has
    /// each of the `grams` terms (none for single characters).
    Words {
        name_term: String,
        words: Vec<String>,
        grams: Vec<String>,
    },
}

impl Search {
    /// `None` for an empty search. Spaces around it are dropped, and anything past
    /// `MAX_QUERY_CHARS` characters.
    pub fn parse(typed: &str) -> Option<Search> {
        let typed: String = typed.trim().chars().take(MAX_QUERY_CHARS).collect();
        let typed = typed.trim();
        if typed.is_empty() {
            return None;
        }
        // A case number (`330803-2026-000042`; a county without a division code numbers
        // `U12-…`), its sequence, or a phone: ASCII letters, digits and separators, a digit
        // among them.
        let code_like = typed
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ' ' | '+'));
        if code_like && typed.chars().any(|c| c.is_ascii_digit()) {
            let mut terms = vec![number_term(&typed.to_ascii_uppercase())];
            // A whole number names one case: its sequence alone would find the same sequence
            // of every other year and county.
            if is_whole_number(typed) {
                return Some(Search::Digits { terms });
            }
            if let Some(seq) = sequence(typed) {
                terms.push(number_term(seq));
            }
            let d = digits(typed);
            let phone_like = typed.chars().all(|c| !c.is_ascii_alphabetic());
            if phone_like && d.len() >= PHONE_TAIL {
                terms.push(phone_term(&d));
            }
            terms.sort();
            terms.dedup();
            return Some(Search::Digits { terms });
        }
        Some(Search::Words {
            name_term: name_term(typed),
            words: typed.split_whitespace().map(str::to_owned).collect(),
            grams: grams(typed).iter().map(|g| gram_term(g)).collect(),
        })
    }
}

/// `text` as a `LIKE` pattern that matches it anywhere, its wildcards taken literally (with
/// `ESCAPE '\'`).
pub fn like_anywhere(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dispute::tests::sample;

    #[test]
    fn a_case_is_found_by_its_number_its_parties_and_their_phones_tails() {
        let mut facts = sample();
        facts.parties.truncate(1);
        facts.parties[0].name = " 张三 ".into();
        facts.parties[0].phone = Some("138 1234 5678".into());
        let terms = terms_of("330803-2026-000123", &facts.parties, "邻里漏水");
        assert_eq!(
            terms.into_iter().collect::<Vec<_>>(),
            vec![
                "c:123",
                "c:330803-2026-000123",
                "g:漏水",
                "g:邻里",
                "g:里漏",
                "n:张三",
                "p:13812345678",
                "p:5678"
            ]
        );
    }

    #[test]
    fn a_summarys_words_are_its_pairs_of_characters() {
        let pairs = |t| grams(t).into_iter().collect::<Vec<_>>();
        assert_eq!(pairs("宅基地"), vec!["基地", "宅基"]);
        // Punctuation and spaces end a word; a pair never spans them; repeats count once.
        assert_eq!(pairs("漏水，漏水 Wi-Fi"), vec!["fi", "wi", "漏水"]);
        assert_eq!(pairs("水 电"), Vec::<String>::new());
        assert_eq!(pairs(""), Vec::<String>::new());
    }

    #[test]
    fn what_a_person_types_is_read_as_the_search_it_is() {
        assert_eq!(Search::parse("   "), None);
        assert_eq!(
            Search::parse("5678"),
            Some(Search::Digits {
                terms: vec!["c:5678".into(), "p:5678".into()]
            })
        );
        // A whole number names its one case, not the same sequence of other years.
        assert_eq!(
            Search::parse("330803-2026-000123"),
            Some(Search::Digits {
                terms: vec!["c:330803-2026-000123".into()]
            })
        );
        assert_eq!(
            Search::parse("u12-2026-000007"),
            Some(Search::Digits {
                terms: vec!["c:U12-2026-000007".into()]
            })
        );
        assert_eq!(
            Search::parse("2026-000123"),
            Some(Search::Digits {
                terms: vec![
                    "c:123".into(),
                    "c:2026-000123".into(),
                    "p:2026000123".into()
                ]
            })
        );
        assert_eq!(
            Search::parse(" 宅基地 "),
            Some(Search::Words {
                name_term: "n:宅基地".into(),
                words: vec!["宅基地".into()],
                grams: vec!["g:基地".into(), "g:宅基".into()]
            })
        );
        // Words typed apart (a full-width space too) are each to be found, in any order.
        assert_eq!(
            Search::parse("宠物狗 噪音\u{3000}扰民"),
            Some(Search::Words {
                name_term: "n:宠物狗 噪音\u{3000}扰民".into(),
                words: vec!["宠物狗".into(), "噪音".into(), "扰民".into()],
                grams: ["g:噪音", "g:宠物", "g:扰民", "g:物狗"]
                    .map(String::from)
                    .to_vec()
            })
        );
    }

    #[test]
    fn wildcards_typed_are_taken_literally() {
        assert_eq!(like_anywhere("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
